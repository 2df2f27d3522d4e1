/// A moderation action the speech queue must obey: deleted messages are never spoken.
public enum ModerationEvent: Sendable, Equatable {
    /// One message was deleted (Twitch `CLEARMSG`, a YouTube deletion or retraction).
    case messageDeleted(platform: ChatPlatform, channel: String, messageID: String)
    /// A user was timed out or banned: their pending messages go (Twitch `CLEARCHAT` with a user, a YouTube ban).
    case userCleared(platform: ChatPlatform, channel: String, userID: String?, login: String)
    /// The whole chat was cleared (Twitch `CLEARCHAT` without a user).
    case chatCleared(platform: ChatPlatform, channel: String)
}

/// The connection state of one chat source, as the panel and `GET /api/sources` show it.
public enum ChatSourceState: String, Sendable, Codable, Equatable {
    /// Connecting or logging in.
    case connecting
    /// Logged in and reading chat.
    case connected
    /// Waiting before the next attempt after a failure.
    case reconnecting
    /// The platform refused the credentials; nothing is retried until the configuration changes.
    case authFailed = "auth_failed"
    /// The platform says the chat is over (a YouTube stream ended); nothing more will be read from it.
    case ended
    /// The day's API quota is spent (YouTube); reading resumes when it resets.
    case quotaExhausted = "quota_exhausted"
    /// Stopped on purpose.
    case stopped
}

/// What a chat source hands to the gateway.
public enum ChatEvent: Sendable, Equatable {
    /// A message (or a notice such as a sub) that may be spoken.
    case message(ChatMessage)
    /// A moderation action.
    case moderation(ModerationEvent)
}

/// Receives what chat sources read. Implementations must not block or suspend: a reader calls it for every line.
public protocol ChatEventSink: Sendable {
    /// Takes one event; returns at once.
    func receive(_ event: ChatEvent)
    /// Hears a source's state change (`detail` says why, e.g. the platform's login error).
    func sourceStateChanged(platform: ChatPlatform, channel: String?, state: ChatSourceState, detail: String?)
}
