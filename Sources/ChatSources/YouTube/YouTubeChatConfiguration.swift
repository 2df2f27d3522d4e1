public import Foundation

/// How the YouTube chat client reads (`[youtube]` in the configuration).
public struct YouTubeChatConfiguration: Sendable {
    /// The Data API's base address; tests point it at a local server.
    public var apiBaseURL: URL
    /// The streams read from the start.
    public var streams: [YouTubeStream]
    /// The project's daily quota in units.
    public var dailyQuotaUnits: Int
    /// How long a stream is planned to last: polling slows down so the quota lasts that long.
    public var plannedStreamLength: Duration
    /// The first wait after a failure; it doubles up to ``maxBackoff``.
    public var initialBackoff: Duration
    /// The longest wait between attempts.
    public var maxBackoff: Duration

    /// Creates a configuration.
    public init(
        apiBaseURL: URL,
        streams: [YouTubeStream] = [],
        dailyQuotaUnits: Int = 10_000,
        plannedStreamLength: Duration = .seconds(4 * 3600),
        initialBackoff: Duration = .seconds(1),
        maxBackoff: Duration = .seconds(60)
    ) {
        self.apiBaseURL = apiBaseURL
        self.streams = streams
        self.dailyQuotaUnits = dailyQuotaUnits
        self.plannedStreamLength = plannedStreamLength
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }
}

/// One YouTube stream as `GET /api/sources` shows it.
public struct YouTubeStreamStatus: Sendable, Encodable, Equatable {
    /// The stream as given (video id, or `mine`).
    public var stream: String
    /// The video being read, once known.
    public var videoID: String?
    /// Its connection state.
    public var state: ChatSourceState
    /// Why it is in that state, when it is not reading.
    public var detail: String?
    /// The wait before the next page, in milliseconds (YouTube's own pace, or slower to save quota).
    public var pollIntervalMilliseconds: Int?

    enum CodingKeys: String, CodingKey {
        case stream, state, detail
        case videoID = "video_id"
        case pollIntervalMilliseconds = "poll_interval_ms"
    }
}

/// The day's quota as `GET /api/sources` shows it.
public struct YouTubeQuotaStatus: Sendable, Encodable, Equatable {
    /// Units per day.
    public var daily: Int
    /// Units counted today.
    public var used: Int
    /// Units left today.
    public var remaining: Int
    /// When the quota resets (midnight Pacific Time).
    public var resetsAt: Date

    enum CodingKeys: String, CodingKey {
        case daily, used, remaining
        case resetsAt = "resets_at"
    }
}
