/// How the Twitch IRC client connects (the composition root fills it from `[twitch]`).
public struct TwitchIRCConfiguration: Sendable, Equatable {
    /// Server host (`irc.chat.twitch.tv`; tests use `127.0.0.1`).
    public var host: String
    /// Server port (6697 with TLS, 6667 without).
    public var port: Int
    /// Use TLS; certificates are always verified.
    public var tls: Bool
    /// A PEM file of extra trust roots (a private test CA); `nil` uses the system's.
    public var tlsCAFile: String?
    /// The account to log in as, with ``oauthToken``; `nil` reads anonymously as `justinfan…`.
    public var login: String?
    /// The OAuth token, with or without `oauth:`; never logged.
    public var oauthToken: String?
    /// Channels joined at start.
    public var channels: [TwitchChannel]
    /// Reconnect when nothing at all arrives for this long (Twitch PINGs about every 5 minutes).
    public var silenceTimeout: Duration
    /// First wait after a failure; doubles each time, with jitter.
    public var initialBackoff: Duration
    /// Longest wait between attempts.
    public var maxBackoff: Duration
    /// JOINs allowed per ``joinWindow`` (Twitch: 20 per 10 s).
    public var joinsPerWindow: Int
    /// The window of ``joinsPerWindow``.
    public var joinWindow: Duration

    /// Creates a configuration with Twitch's defaults.
    public init(
        host: String = "irc.chat.twitch.tv",
        port: Int = 6697,
        tls: Bool = true,
        tlsCAFile: String? = nil,
        login: String? = nil,
        oauthToken: String? = nil,
        channels: [TwitchChannel] = [],
        silenceTimeout: Duration = .seconds(360),
        initialBackoff: Duration = .seconds(1),
        maxBackoff: Duration = .seconds(60),
        joinsPerWindow: Int = 20,
        joinWindow: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.tlsCAFile = tlsCAFile
        self.login = login
        self.oauthToken = oauthToken
        self.channels = channels
        self.silenceTimeout = silenceTimeout
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.joinsPerWindow = joinsPerWindow
        self.joinWindow = joinWindow
    }

    /// `PASS` and `NICK` lines: the token as Twitch wants it (`oauth:` prefixed), or an anonymous read-only nick.
    func loginLines(anonymousNumber: Int) throws(IRCLine.Invalid) -> [String] {
        if let login, let oauthToken, !login.isEmpty, !oauthToken.isEmpty {
            let token = oauthToken.hasPrefix("oauth:") ? oauthToken : "oauth:" + oauthToken
            return [try IRCLine.make("PASS", [token]), try IRCLine.make("NICK", [login.lowercased()])]
        }
        return [try IRCLine.make("NICK", ["justinfan\(anonymousNumber)"])]
    }
}
