/// How the dispatcher renders and paces chat speech (`[chat]` in the configuration).
public struct DispatcherSettings: Sendable, Equatable {
    /// Items rendered ahead of the one speaking.
    public var renderAhead: Int
    /// Longest time one item may take to render before it fails.
    public var itemTimeout: Duration
    /// Longest time one item speaks; longer audio is cut with a short fade.
    public var maxSpeakingSeconds: Double
    /// Silence between two items.
    public var gap: Duration
    /// Every item is brought to this RMS level (dBFS) before it plays; `nil` leaves levels alone.
    public var loudnessTargetDecibels: Float?

    /// Creates settings; every parameter defaults to its built-in value.
    public init(
        renderAhead: Int = 2,
        itemTimeout: Duration = .seconds(30),
        maxSpeakingSeconds: Double = 30,
        gap: Duration = .milliseconds(300),
        loudnessTargetDecibels: Float? = -20
    ) {
        self.renderAhead = max(1, renderAhead)
        self.itemTimeout = itemTimeout
        self.maxSpeakingSeconds = maxSpeakingSeconds
        self.gap = gap
        self.loudnessTargetDecibels = loudnessTargetDecibels
    }
}
