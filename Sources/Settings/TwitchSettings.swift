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
    /// `auto` (EventSub once signed in, anonymous IRC before), `eventsub` or `irc` (`transport`).
    public var transport: String
    /// The streamer's registered Twitch application (`client_id`), for `ishowtts twitch login` and EventSub.
    public var clientID: String?
    /// The EventSub WebSocket address (`eventsub_url`).
    public var eventSubURL: String
    /// Helix's base address (`helix_url`).
    public var helixURL: String
    /// Twitch's OAuth base address (`auth_url`): `…/device` and `…/token` live under it.
    public var authURL: String

    /// The values ``transport`` may take.
    public static let transports = ["auto", "eventsub", "irc"]

    /// Creates settings; every parameter defaults to its built-in value.
    public init(
        server: BindAddress = BindAddress(host: "irc.chat.twitch.tv", port: 6697),
        tls: Bool = true,
        tlsCAFile: String? = nil,
        login: String? = nil,
        oauthToken: String? = nil,
        channels: [String] = [],
        transport: String = "auto",
        clientID: String? = nil,
        eventSubURL: String = "wss://eventsub.wss.twitch.tv/ws",
        helixURL: String = "https://api.twitch.tv/helix",
        authURL: String = "https://id.twitch.tv/oauth2"
    ) {
        self.server = server
        self.tls = tls
        self.tlsCAFile = tlsCAFile
        self.login = login
        self.oauthToken = oauthToken
        self.channels = channels
        self.transport = transport
        self.clientID = clientID
        self.eventSubURL = eventSubURL
        self.helixURL = helixURL
        self.authURL = authURL
    }
}

extension TwitchSettings: CustomStringConvertible {
    /// Everything but the token.
    public var description: String {
        "TwitchSettings(server: \(server), tls: \(tls), login: \(login ?? "anonymous"), oauth_token: \(oauthToken == nil ? "none" : "set"), channels: \(channels), "
            + "transport: \(transport), client_id: \(clientID ?? "none"), eventsub_url: \(eventSubURL), helix_url: \(helixURL), auth_url: \(authURL))"
    }
}
