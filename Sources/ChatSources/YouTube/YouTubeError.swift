/// Why a YouTube call failed, sorted by what the reader does next.
enum YouTubeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The day's quota is spent: wait for it to reset.
    case quotaExhausted(String)
    /// The chat is over, or the video has none (not live, ended, chat off): stop reading it.
    case chatUnavailable(String)
    /// The key or account may not read it (bad key, not signed in, forbidden): stop until the streamer fixes it.
    case refused(String)
    /// Worth another try after a pause (network, rate limit, YouTube's own errors).
    case transient(String)

    /// Sorts a failed call by Google's reason code and the HTTP status.
    init(_ error: PlatformHTTPError) {
        let detail = error.description
        switch (error.reason, error.status) {
        case ("quotaExceeded", _), ("dailyLimitExceeded", _):
            self = .quotaExhausted(detail)
        case ("liveChatEnded", _), ("liveChatNotFound", _), ("liveChatDisabled", _), ("videoNotFound", _), (_, 404):
            self = .chatUnavailable(detail)
        case ("rateLimitExceeded", _), ("userRateLimitExceeded", _), (_, 429), (_, nil):
            self = .transient(detail)
        case (_, let status?) where status >= 500:
            self = .transient(detail)
        default:
            self = .refused(detail)
        }
    }

    var description: String {
        switch self {
        case .quotaExhausted(let detail), .chatUnavailable(let detail), .refused(let detail), .transient(let detail): detail
        }
    }
}
