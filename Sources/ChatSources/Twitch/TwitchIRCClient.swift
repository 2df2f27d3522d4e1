public import Logging
import NIOCore
import NIOPosix
public import ServiceLifecycle

/// Reads Twitch chat over IRC (TLS by default) and hands every message and moderation action to a sink.
///
/// Runs as a service: connects, logs in, joins its channels (paced within Twitch's limit), answers PINGs, and
/// reconnects with backoff when the connection drops, goes silent, or Twitch asks it to (`RECONNECT`). A refused
/// login stops it in state `auth_failed` instead of retrying with the same token. Channels can be joined and left
/// while it runs.
public actor TwitchIRCClient: Service {
    private let configuration: TwitchIRCConfiguration
    private let sink: any ChatEventSink
    private let logger: Logger
    private var channels: Set<TwitchChannel>
    private var outgoing: AsyncStream<TwitchOutgoing>.Continuation?
    private var channelsAdded: CheckedContinuation<Void, Never>?
    /// The last state reported, as `GET /api/sources` shows it.
    public private(set) var state: ChatSourceState = .stopped
    /// Why the last attempt ended, when it failed.
    public private(set) var lastError: String?

    /// Creates a client; nothing connects until ``run()``.
    public init(configuration: TwitchIRCConfiguration, sink: any ChatEventSink, logger: Logger) {
        self.configuration = configuration
        self.sink = sink
        self.logger = logger
        self.channels = Set(configuration.channels)
    }

    /// The channels joined (or to be joined on the next connection), sorted.
    public var joinedChannels: [TwitchChannel] { channels.sorted() }

    /// Joins `channel` now if connected, and on every later connection.
    public func join(_ channel: TwitchChannel) {
        guard channels.insert(channel).inserted else { return }
        outgoing?.yield(.join(channel))
        channelsAdded?.resume()
        channelsAdded = nil
    }

    /// Leaves `channel`.
    public func part(_ channel: TwitchChannel) {
        guard channels.remove(channel) != nil else { return }
        outgoing?.yield(.part(channel))
    }

    /// Connects and reads until cancelled or a graceful shutdown; returns early only after a refused login.
    ///
    /// With no channel to read, it does not connect: it waits for the first ``join(_:)``.
    public func run() async throws {
        var backoff = Backoff(initial: configuration.initialBackoff, maximum: configuration.maxBackoff)
        defer { report(.stopped, detail: nil) }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if channels.isEmpty {
                await cancelWhenGracefulShutdown { await self.waitForChannels() }
                continue
            }
            report(.connecting, detail: nil)
            let ending: TwitchSessionEnding
            do {
                let result = try await cancelWhenGracefulShutdown { try await self.runSession() }
                if result.welcomed { backoff.reset() }
                ending = result.ending
            } catch is CancellationError {
                return
            } catch {
                ending = .failed(String(describing: error))
            }
            switch ending {
            case .authFailed(let reason):
                logger.error("Twitch refused the login; not retrying until restarted", metadata: ["reason": "\(reason)"])
                report(.authFailed, detail: reason)
                try? await gracefulShutdown()
                return
            case .reconnectRequested:
                logger.info("Twitch asked to reconnect")
            case .silent:
                logger.warning("Twitch connection silent too long; reconnecting")
            case .failed(let reason):
                logger.warning("Twitch connection lost", metadata: ["reason": "\(reason)"])
                lastError = reason
            }
            let wait = ending == .reconnectRequested ? .zero : backoff.next()
            report(.reconnecting, detail: lastError)
            do { try await Task.sleep(for: wait) } catch { return }
        }
    }

    private func waitForChannels() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if !channels.isEmpty || Task.isCancelled { continuation.resume() } else { channelsAdded = continuation }
            }
        } onCancel: {
            Task { await self.stopWaitingForChannels() }
        }
    }

    private func stopWaitingForChannels() {
        channelsAdded?.resume()
        channelsAdded = nil
    }

    private func report(_ newState: ChatSourceState, detail: String?) {
        guard newState != state || newState == .reconnecting else { return }
        state = newState
        sink.sourceStateChanged(platform: .twitch, channel: nil, state: newState, detail: detail)
    }

    /// One connection, from connect to close.
    private func runSession() async throws -> (ending: TwitchSessionEnding, welcomed: Bool) {
        let (stream, continuation) = AsyncStream.makeStream(of: TwitchOutgoing.self, bufferingPolicy: .bufferingNewest(1024))
        outgoing = continuation
        defer {
            continuation.finish()
            outgoing = nil
        }
        let connection = try await TwitchIRCConnection.connect(configuration: configuration)
        let login = try configuration.loginLines(anonymousNumber: Int.random(in: 10_000...99_999))
        let session = TwitchIRCSession(
            configuration: configuration,
            sink: sink,
            logger: logger,
            connection: connection,
            outgoing: stream,
            onWelcome: { [weak self] in
                guard let self else { return }
                Task { await self.connected() }
            }
        )
        for channel in channels.sorted() { continuation.yield(.join(channel)) }
        return try await session.run(greeting: TwitchIRCSession.capabilityRequest + login)
    }

    private func connected() {
        lastError = nil
        report(.connected, detail: nil)
    }
}

/// Something to send on the current connection.
enum TwitchOutgoing: Sendable {
    case join(TwitchChannel)
    case part(TwitchChannel)
    case pong(String)
}

/// Why a connection ended.
enum TwitchSessionEnding: Sendable, Equatable {
    case reconnectRequested
    case silent
    case authFailed(String)
    case failed(String)
}
