import F5Engine
import Logging
import ServiceLifecycle
import SpeechCore

/// Runs `body` while the engines that need background work (F5's worker supervisor) are running,
/// then shuts them down gracefully, whether `body` returns or throws.
///
/// `serve` gets this from the application's service group; one-shot commands (`say`, `bench`) use this.
/// Before `body` runs, every F5 engine's supervisor is awaited until a worker is ready (it throws when none can start).
func withEngineServices<T>(_ engines: [any TTSEngine], logger: Logger, _ body: () async throws -> T) async throws -> T {
    let services = engines.compactMap { $0 as? any Service }
    guard !services.isEmpty else { return try await body() }
    let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services, logger: logger))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        let result: Result<T, any Error>
        do {
            for case let f5 as F5Engine in engines {
                try await f5.supervisor.waitUntilReady()
            }
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
        return try result.get()
    }
}
