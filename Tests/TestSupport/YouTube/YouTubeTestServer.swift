import Foundation

/// A server on 127.0.0.1 that speaks the YouTube Data API v3 as a chat reader uses it (`videos`, `liveBroadcasts`,
/// `channels`, `liveChat/messages` with page tokens, polling intervals, quota and chat-ended errors) and Google's
/// device-flow OAuth endpoints. The test scripts the chat through ``backend``.
public final class YouTubeTestServer: Sendable {
    /// The scripted state and the requests seen.
    public let backend: YouTubeTestBackend
    /// The port it listens on.
    public var port: Int { application.port }

    /// The Data API base address to configure (`[youtube] api_url`).
    public var apiURL: String { "http://127.0.0.1:\(port)/youtube/v3" }
    /// The device-code endpoint (`device_code_url`).
    public var deviceCodeURL: String { "http://127.0.0.1:\(port)/device/code" }
    /// The token endpoint (`token_url`).
    public var tokenURL: String { "http://127.0.0.1:\(port)/token" }

    /// Starts listening on an ephemeral port.
    public static func start() async throws -> YouTubeTestServer {
        let backend = YouTubeTestBackend()
        let application = try await LocalTestApplication.start(router: YouTubeTestRoutes(backend: backend).router(), label: "YouTubeTestServer")
        return YouTubeTestServer(backend: backend, application: application)
    }

    private init(backend: YouTubeTestBackend, application: LocalTestApplication) {
        self.backend = backend
        self.application = application
    }

    private let application: LocalTestApplication

    /// Stops the server.
    public func stop() async { await application.stop() }
}
