public import Foundation

/// How chat becomes speech (`[chat]`), and the gateway's rules (`[gateway]`, passed on as JSON: the gateway
/// module owns and validates its own fields, for the file and for `PUT /api/gateway/settings` alike).
public struct ChatSettings: Sendable, Equatable {
    /// Items rendered ahead of the one speaking (`render_ahead`, 1...16).
    public var renderAhead: Int
    /// Seconds one item may take to render (`item_timeout_s`, 1...600).
    public var itemTimeoutSeconds: Int
    /// Longest speaking time of one item, in seconds (`max_speaking_s`, 1...600); longer audio is cut with a fade.
    public var maxSpeakingSeconds: Int
    /// Silence between items (`gap_ms`, 0...10000).
    public var gapMilliseconds: Int
    /// RMS level every item is brought to, in dBFS (`loudness_target_db`, -60...-1); `nil` leaves levels alone.
    public var loudnessTargetDecibels: Double?
    /// Days of chat history kept (`history_days`, 0...3650; 0 keeps none).
    public var historyDays: Int
    /// The `[gateway]` table as a JSON object, or `nil` when absent.
    public var gatewayRules: Data?

    /// Allowed range of ``renderAhead``.
    public static let renderAheadRange = 1...16
    /// Allowed range of ``itemTimeoutSeconds`` and ``maxSpeakingSeconds``.
    public static let secondsRange = 1...600
    /// Allowed range of ``gapMilliseconds``.
    public static let gapRange = 0...10_000
    /// Allowed range of ``loudnessTargetDecibels``.
    public static let loudnessRange = -60.0...(-1.0)
    /// Allowed range of ``historyDays``.
    public static let historyDaysRange = 0...3650

    /// Creates settings; every parameter defaults to its built-in value.
    public init(
        renderAhead: Int = 2,
        itemTimeoutSeconds: Int = 30,
        maxSpeakingSeconds: Int = 30,
        gapMilliseconds: Int = 300,
        loudnessTargetDecibels: Double? = -20,
        historyDays: Int = 7,
        gatewayRules: Data? = nil
    ) {
        self.renderAhead = renderAhead
        self.itemTimeoutSeconds = itemTimeoutSeconds
        self.maxSpeakingSeconds = maxSpeakingSeconds
        self.gapMilliseconds = gapMilliseconds
        self.loudnessTargetDecibels = loudnessTargetDecibels
        self.historyDays = historyDays
        self.gatewayRules = gatewayRules
    }
}
