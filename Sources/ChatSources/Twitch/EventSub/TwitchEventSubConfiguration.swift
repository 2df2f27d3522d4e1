public import Foundation

/// How the EventSub reader connects (`[twitch]` with a `client_id` and a sign-in).
public struct TwitchEventSubConfiguration: Sendable {
    /// The EventSub WebSocket address (`wss://eventsub.wss.twitch.tv/ws`); tests point it at a local server.
    public var webSocketURL: String
    /// Helix's base address (`https://api.twitch.tv/helix`).
    public var helixURL: URL
    /// The streamer's registered application.
    public var clientID: String
    /// Channels read from the start.
    public var channels: [TwitchChannel]
    /// The first wait after a failure; it doubles up to ``maxBackoff``.
    public var initialBackoff: Duration
    /// The longest wait between attempts.
    public var maxBackoff: Duration
    /// Slack on top of the keepalive window Twitch announces before a silent connection counts as lost.
    public var keepaliveGrace: Duration
    /// Twitch's token check (`…/oauth2/validate`), which apps must call at start and hourly; `nil` skips it.
    public var validateURL: URL?
    /// How often the token is checked while connected (Twitch asks for hourly).
    public var validationInterval: Duration

    /// Creates a configuration.
    public init(
        webSocketURL: String,
        helixURL: URL,
        clientID: String,
        channels: [TwitchChannel] = [],
        initialBackoff: Duration = .seconds(1),
        maxBackoff: Duration = .seconds(60),
        keepaliveGrace: Duration = .seconds(2),
        validateURL: URL? = nil,
        validationInterval: Duration = .seconds(3600)
    ) {
        self.webSocketURL = webSocketURL
        self.helixURL = helixURL
        self.clientID = clientID
        self.channels = channels
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.keepaliveGrace = keepaliveGrace
        self.validateURL = validateURL
        self.validationInterval = validationInterval
    }
}
