import ChatSources
import Foundation
import Logging
import Settings
import Storage

/// The YouTube reader and sign-in `[youtube]` describes.
struct YouTubeChat {
    let client: YouTubeChatClient
    /// `nil` without a `client_id`.
    let signIn: DeviceSignIn?
}

extension YouTubeSettings {
    /// Google's read-only YouTube scope: enough to read chat and find the channel's broadcast.
    static let readOnlyScope = "https://www.googleapis.com/auth/youtube.readonly"

    /// The client's configuration; every stream must be a video id, a watch address or `mine`.
    func chatConfiguration() throws(ChatSystemError) -> YouTubeChatConfiguration {
        var parsed: [YouTubeStream] = []
        for text in streams {
            guard let stream = YouTubeStream(text) else {
                throw ChatSystemError(description: "invalid configuration: youtube.streams: \(text.debugDescription) is not \(YouTubeStream.rule)")
            }
            parsed.append(stream)
        }
        guard let base = URL(string: apiURL) else { throw ChatSystemError(description: "invalid configuration: youtube.api_url") }
        return YouTubeChatConfiguration(
            apiBaseURL: base,
            streams: parsed,
            dailyQuotaUnits: dailyQuota,
            plannedStreamLength: .seconds(streamHours * 3600)
        )
    }

    /// The OAuth client for `ishowtts youtube login`, when a `client_id` is set.
    func oauthClient() -> OAuthClient? {
        guard let clientID, let device = URL(string: deviceCodeURL), let token = URL(string: tokenURL) else { return nil }
        return OAuthClient(
            provider: "youtube",
            deviceAuthorizationURL: device,
            tokenURL: token,
            revocationURL: token.deletingLastPathComponent().appendingPathComponent("revoke"),  // Google's sits beside it
            clientID: clientID,
            clientSecret: clientSecret,
            scopes: [Self.readOnlyScope]
        )
    }
}

extension YouTubeChat {
    /// The reader (signed in when `client_id` is set, else with `api_key`, else idle) and its sign-in.
    static func make(settings: YouTubeSettings, store: ChatStore, sink: any ChatEventSink, logger: Logger) throws(ChatSystemError) -> YouTubeChat {
        let configuration = try settings.chatConfiguration()
        let http = PlatformHTTPClient()
        var credentials: YouTubeCredentials? = settings.apiKey.map { .apiKey($0) }
        var session: OAuthSession?
        if let oauth = settings.oauthClient() {
            let signedIn = OAuthSession(authorization: DeviceAuthorization(client: oauth, http: http), store: StoredCredentials(store: store))
            credentials = .oauth(signedIn)
            session = signedIn
        }
        let client = YouTubeChatClient(configuration: configuration, credentials: credentials, http: http, sink: sink, logger: logger)
        let signIn = session.map { session in
            DeviceSignIn(session: session, accountName: { try await client.channelTitle() })
        }
        return YouTubeChat(client: client, signIn: signIn)
    }
}
