import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A server on 127.0.0.1 that speaks the YouTube Data API v3 as a chat reader uses it (`videos`, `liveBroadcasts`,
/// `channels`, `liveChat/messages` with page tokens, polling intervals, quota and chat-ended errors) and Google's
/// device-flow OAuth endpoints. The test scripts the chat through ``backend``.
public final class YouTubeTestServer: Sendable {
    /// The scripted state and the requests seen.
    public let backend: YouTubeTestBackend
    /// The port it listens on.
    public let port: Int
    private let task: Task<Void, any Error>

    /// The Data API base address to configure (`[youtube] api_url`).
    public var apiURL: String { "http://127.0.0.1:\(port)/youtube/v3" }
    /// The device-code endpoint (`device_code_url`).
    public var deviceCodeURL: String { "http://127.0.0.1:\(port)/device/code" }
    /// The token endpoint (`token_url`).
    public var tokenURL: String { "http://127.0.0.1:\(port)/token" }

    /// Starts listening on an ephemeral port.
    public static func start() async throws -> YouTubeTestServer {
        let backend = YouTubeTestBackend()
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "YouTubeTestServer")
        logger.logLevel = .warning
        let app = Application(
            router: YouTubeTestRoutes(backend: backend).router(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: logger
        )
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return YouTubeTestServer(backend: backend, port: port, services: services, task: task)
    }

    private init(backend: YouTubeTestBackend, port: Int, services: ServiceGroup, task: Task<Void, any Error>) {
        self.backend = backend
        self.port = port
        self.services = services
        self.task = task
    }

    private let services: ServiceGroup

    /// Stops the server gracefully; a peer that keeps a connection open past 10 s is cut off, so a test never hangs
    /// in its teardown.
    public func stop() async {
        await services.triggerGracefulShutdown()
        let task = task
        let cutOff = Task {
            try await Task.sleep(for: .seconds(10))
            task.cancel()
        }
        _ = try? await task.value
        cutOff.cancel()
    }
}
