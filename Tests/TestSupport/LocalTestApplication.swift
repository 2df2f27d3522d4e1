import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// A Hummingbird application on an ephemeral 127.0.0.1 port, standing in for a platform in tests: started with its
/// port known, stopped gracefully, and cut off 10 s into the stop if a peer keeps a connection open, so a test never
/// hangs in its teardown.
final class LocalTestApplication: Sendable {
    /// The port it listens on.
    let port: Int
    private let services: ServiceGroup
    private let task: Task<Void, any Error>

    /// Starts `router` with `server` (plain HTTP/1.1 by default); logs warnings under `label`.
    static func start(
        router: Router<BasicRequestContext>,
        server: HTTPServerBuilder = .http1(),
        label: String
    ) async throws -> LocalTestApplication {
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: label)
        logger.logLevel = .warning
        let app = Application(
            router: router,
            server: server,
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
        return LocalTestApplication(port: port, services: services, task: task)
    }

    private init(port: Int, services: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.services = services
        self.task = task
    }

    /// Stops it gracefully, cutting a lingering peer off after 10 s.
    func stop() async {
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
