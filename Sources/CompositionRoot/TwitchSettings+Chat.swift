import ChatSources
import Foundation
import Logging
import Settings
import Storage

/// Twitch chat as `[twitch]` describes it: the IRC reader, and with a `client_id` the EventSub reader and its sign-in.
struct TwitchChatParts {
    let chat: TwitchChat
    /// `nil` without a `client_id`.
    let signIn: DeviceSignIn?

    /// What EventSub needs to read chat (and, on the streamer's own channel, redemptions).
    static let scopes = ["user:read:chat", "channel:read:redemptions"]

    static func make(
        settings: TwitchSettings,
        irc configuration: TwitchIRCConfiguration,
        store: ChatStore,
        sink: any ChatEventSink,
        logger: Logger
    ) throws(ChatSystemError) -> TwitchChatParts {
        let irc = TwitchIRCClient(configuration: configuration, sink: sink, logger: logger)
        let transport = TwitchTransport(rawValue: settings.transport) ?? .auto
        guard let clientID = settings.clientID else {
            return TwitchChatParts(chat: TwitchChat(transport: transport, irc: irc, eventSub: nil, session: nil, logger: logger), signIn: nil)
        }
        guard let auth = URL(string: settings.authURL), let helix = URL(string: settings.helixURL) else {
            throw ChatSystemError(description: "invalid configuration: twitch.auth_url or twitch.helix_url")
        }
        let http = PlatformHTTPClient()
        let oauth = OAuthClient(
            provider: "twitch",
            deviceAuthorizationURL: auth.appendingPathComponent("device"),
            tokenURL: auth.appendingPathComponent("token"),
            revocationURL: auth.appendingPathComponent("revoke"),
            clientID: clientID,
            scopes: scopes,
            scopeField: "scopes"
        )
        let session = OAuthSession(authorization: DeviceAuthorization(client: oauth, http: http), store: StoredCredentials(store: store))
        let eventSub = TwitchEventSubClient(
            configuration: TwitchEventSubConfiguration(
                webSocketURL: settings.eventSubURL,
                helixURL: helix,
                clientID: clientID,
                channels: configuration.channels,
                validateURL: auth.appendingPathComponent("validate")
            ),
            session: session,
            http: http,
            sink: sink,
            logger: logger
        )
        let chat = TwitchChat(transport: transport, irc: irc, eventSub: eventSub, session: session, logger: logger)
        let signIn = DeviceSignIn(session: session, accountName: { try await eventSub.signedInLogin() })
        return TwitchChatParts(chat: chat, signIn: signIn)
    }
}
