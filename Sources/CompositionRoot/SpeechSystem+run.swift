public import Logging
import ServiceLifecycle
public import Settings
import SpeechCore
import Synchronization
public import UnixSignals

/// Builds the speech system and runs it, with `body`, as one `ServiceGroup`: the one path `serve`, `say`, `bench`
/// and the tests share.
///
/// Loading happens inside the group, so a shutdown signal at any moment, loading included, ends the program cleanly:
/// a load still in progress is abandoned, and `nil` is returned when `body` never finished (see ``BodyShutdown``).
/// When `body` returns or throws, the engines are shut down gracefully (F5 workers are asked to exit) before this
/// returns or rethrows.
///
/// ```swift
/// let audio = try await withSpeechSystem(configuration: configuration, logger: logger) { system in
///     try await system.waitUntilReady()
///     return try await system.speech.synthesizeAll(try system.speech.makeJob(text: "Hi!", voiceID: nil, options: .init()))
/// }
/// ```
/// - Parameters:
///   - shutdownSignals: signals that start a graceful shutdown; tests running in-process pass none.
///   - bodyShutdown: what a graceful shutdown does to `body`.
///   - body: runs once the engines are loaded and running (not necessarily ready: see ``SpeechSystem/waitUntilReady()``).
/// - Throws: ``SpeechSystemError`` when the system cannot be built, or what an engine or `body` threw.
public func withSpeechSystem<Value: Sendable>(
    configuration: ServerConfiguration,
    logger: Logger,
    hooks: SpeechSystemHooks = SpeechSystemHooks(),
    shutdownSignals: [UnixSignal] = [.sigterm, .sigint],
    bodyShutdown: BodyShutdown = .abandon,
    _ body: @escaping @Sendable (SpeechSystem) async throws -> Value
) async throws -> Value? {
    let handoff = SpeechSystemHandoff()
    let result = Mutex<Value?>(nil)
    let host = SpeechSystemHost(configuration: configuration, logger: logger, hooks: hooks, handoff: handoff)
    let user = ClosureService {
        guard let system = try await untilGracefulShutdown({ try await handoff.system() }) else { return }
        let value: Value?
        switch bodyShutdown {
        case .abandon: value = try await untilGracefulShutdown { try await abandoningOnCancellation { try await body(system) } }
        case .drain: value = try await body(system)
        }
        result.withLock { $0 = value }
    }
    let group = ServiceGroup(
        configuration: ServiceGroupConfiguration(
            services: [
                .init(service: host),
                // Whatever way `body` ends, the engines behind it shut down gracefully.
                .init(service: user, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: shutdownSignals,
            logger: logger
        )
    )
    try await group.run()
    return result.withLock { $0 }
}

/// What a graceful shutdown (a signal) does to the body of ``withSpeechSystem(configuration:logger:hooks:shutdownSignals:bodyShutdown:_:)``.
public enum BodyShutdown: Sendable {
    /// Stop waiting for the body (a one-shot command such as `say`): `withSpeechSystem` returns `nil` at once, and
    /// whatever the body was doing ends with the engines.
    case abandon
    /// The body shuts down gracefully by itself (an HTTP server that finishes its requests first) and returns.
    case drain
}

/// Loads the speech system, hands it over, then runs every engine until graceful shutdown.
/// Service lifecycle logs each service by its description: a name, never the configuration it holds.
extension SpeechSystemHost: CustomStringConvertible {
    var description: String { "SpeechSystemHost" }
}

private struct SpeechSystemHost: Service {
    let configuration: ServerConfiguration
    let logger: Logger
    let hooks: SpeechSystemHooks
    let handoff: SpeechSystemHandoff

    func run() async throws {
        let configuration = configuration
        let logger = logger
        let hooks = hooks
        let load: @Sendable () async throws -> SpeechSystem = {
            try await buildSpeechSystem(configuration: configuration, logger: logger, hooks: hooks)
        }
        hooks.loadingStarted?()
        // Model loading blocks threads that cannot be interrupted: on shutdown, stop waiting for it.
        guard let system = try await untilGracefulShutdown({ try await abandoningOnCancellation(load) }) else {
            logger.info("shutdown requested while loading; stopping")
            return
        }
        await handoff.publish(system)
        try await withThrowingDiscardingTaskGroup { group in
            for engine in system.engines {
                group.addTask {
                    do {
                        try await engine.run()
                    } catch is CancellationError where Task.isShuttingDownGracefully || Task.isCancelled {
                        // Stopping is what was asked for, not a failure.
                    }
                }
            }
            // Engines without background work return at once; the host itself lives until shutdown.
            group.addTask { try? await gracefulShutdown() }
        }
    }
}

/// Runs `operation`, cancelling it on graceful shutdown; `nil` when it ended that way.
private func untilGracefulShutdown<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T? {
    do {
        return try await cancelWhenGracefulShutdown(operation)
    } catch is CancellationError where Task.isShuttingDownGracefully || Task.isCancelled {
        return nil
    }
}
