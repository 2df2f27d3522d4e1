/// Twitch chat over IRC (`[twitch]`).
public struct TwitchSettings: Sendable, Equatable {
    /// `host:port` of the IRC server (`server`); tests point it at a local server.
    public var server: BindAddress
    /// Connect with TLS (`tls`); certificates are always checked.
    public var tls: Bool
    /// PEM file of extra trust roots (`tls_ca_file`), for a private CA such as the test suite's.
    public var tlsCAFile: String?
    /// Account to read as (`login`), with ``oauthToken``; without both, chat is read anonymously.
    public var login: String?
    /// OAuth token (`oauth_token`), with or without `oauth:`; never logged.
    public var oauthToken: String?
    /// Channels joined at start (`channels`): logins, `#name` or twitch.tv URLs.
    public var channels: [String]

    /// Creates settings; every parameter defaults to its built-in value.
    public init(
        server: BindAddress = BindAddress(host: "irc.chat.twitch.tv", port: 6697),
        tls: Bool = true,
        tlsCAFile: String? = nil,
        login: String? = nil,
        oauthToken: String? = nil,
        channels: [String] = []
    ) {
        self.server = server
        self.tls = tls
        self.tlsCAFile = tlsCAFile
        self.login = login
        self.oauthToken = oauthToken
        self.channels = channels
    }
}

extension TwitchSettings: CustomStringConvertible {
    /// Everything but the token.
    public var description: String {
        "TwitchSettings(server: \(server), tls: \(tls), login: \(login ?? "anonymous"), oauth_token: \(oauthToken == nil ? "none" : "set"), channels: \(channels))"
    }
}
