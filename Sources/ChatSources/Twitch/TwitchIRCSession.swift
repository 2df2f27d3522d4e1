import Logging
import NIOCore
import Synchronization

/// One logged-in connection: reads lines into the sink, answers PINGs, paces JOINs, and watches for silence.
struct TwitchIRCSession: Sendable {
    /// Tags (badges, ids), commands (CLEARMSG, USERNOTICE…) and membership, as Twitch documents them.
    static let capabilityRequest = ["CAP REQ :twitch.tv/tags twitch.tv/commands twitch.tv/membership\r\n"]

    let configuration: TwitchIRCConfiguration
    let sink: any ChatEventSink
    let logger: Logger
    let connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    let outgoing: AsyncStream<TwitchOutgoing>
    let onWelcome: @Sendable () -> Void

    /// Sends `greeting`, then serves the connection until it ends; the result says how and whether login succeeded.
    func run(greeting: [String]) async throws -> (ending: TwitchSessionEnding, welcomed: Bool) {
        let progress = SessionProgress()
        let ending = try await connection.executeThenClose { inbound, outbound in
            for line in greeting { try await outbound.write(ByteBuffer(string: line)) }
            return try await withThrowingTaskGroup(of: TwitchSessionEnding.self) { group in
                group.addTask {
                    try await read(inbound, outbound: outbound, progress: progress)
                }
                group.addTask { try await write(outbound) }
                group.addTask { try await watchForSilence(progress) }
                let first = try await group.next() ?? .failed("connection closed")
                group.cancelAll()
                return first
            }
        }
        return (ending, progress.welcomed.withLock { $0 })
    }

    private func read(
        _ inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        progress: SessionProgress
    ) async throws -> TwitchSessionEnding {
        var loginFailure: String?
        for try await var buffer in inbound {
            progress.lastTraffic.withLock { $0 = .now }
            guard let line = buffer.readString(length: buffer.readableBytes), let message = IRCMessage(parsing: Substring(line)) else { continue }
            switch TwitchIRCInput(message) {
            case .chat(let event): sink.receive(event)
            case .ping(let token):
                // Answered from the reader itself, so a paced JOIN can never delay it.
                if let pong = try? IRCLine.make("PONG", trailing: token) { try await outbound.write(ByteBuffer(string: pong)) }
            case .reconnect: return .reconnectRequested
            case .welcome:
                progress.welcomed.withLock { $0 = true }
                onWelcome()
            case .loginFailed(let reason): loginFailure = reason
            case .joined(let channel): logger.debug("joined", metadata: ["channel": "\(channel)"])
            case .ignored: break
            }
        }
        if let loginFailure { return .authFailed(loginFailure) }
        return .failed("the server closed the connection")
    }

    private func write(_ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws -> TwitchSessionEnding {
        var pacer = JoinPacer(limit: configuration.joinsPerWindow, window: configuration.joinWindow)
        for await item in outgoing {
            let line: String
            switch item {
            case .join(let channel):
                let wait = pacer.delay(at: .now)
                if wait > .zero { try await Task.sleep(for: wait) }
                pacer.record(at: .now)
                line = try IRCLine.make("JOIN", ["#" + channel.name])
            case .part(let channel): line = try IRCLine.make("PART", ["#" + channel.name])
            case .pong(let token): line = try IRCLine.make("PONG", trailing: token)
            }
            try await outbound.write(ByteBuffer(string: line))
        }
        // The stream ends only when this task is cancelled: the reader or the watchdog ended the session.
        throw CancellationError()
    }

    private func watchForSilence(_ progress: SessionProgress) async throws -> TwitchSessionEnding {
        let timeout = configuration.silenceTimeout
        while true {
            let quiet = ContinuousClock.now - progress.lastTraffic.withLock { $0 }
            if quiet >= timeout { return .silent }
            try await Task.sleep(for: timeout - quiet)
        }
    }
}

/// What the reader tells the watchdog and the client: when traffic last arrived, and whether login succeeded.
private final class SessionProgress: Sendable {
    let lastTraffic = Mutex(ContinuousClock.now)
    let welcomed = Mutex(false)
}
