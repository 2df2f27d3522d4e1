import Foundation
import HummingbirdWSClient
import Logging
import Synchronization

/// What one EventSub WebSocket connection tells the reader that owns it.
enum EventSubSignal: Sendable {
    /// The session is open; subscriptions made for `sessionID` deliver here.
    case welcome(connection: Int, sessionID: String)
    /// Twitch is moving the session: connect to `url`, then let this connection go.
    case reconnect(connection: Int, url: String)
    /// Twitch revoked a subscription (the token lost a scope, the user was removed…).
    case revoked(connection: Int, reason: String)
    /// The connection is gone.
    case ended(connection: Int, reason: String)
    /// Twitch no longer accepts the token, and it could not be renewed.
    case tokenInvalid(reason: String)
}

/// One EventSub WebSocket connection: reads messages until the socket closes, the keepalive window passes in silence,
/// or it is cancelled; hands notifications to `deliver` and everything else to `signals`.
enum EventSubConnection {
    static func run(
        url: String,
        number: Int,
        keepaliveGrace: Duration,
        signals: AsyncStream<EventSubSignal>.Continuation,
        deliver: @escaping @Sendable (_ type: String, _ json: Data, _ messageID: String) -> Void,
        logger: Logger
    ) async {
        let keepalive = KeepaliveDeadline(grace: keepaliveGrace)
        do {
            let close = try await WebSocketClient.connect(url: url, configuration: .init(maxFrameSize: 1 << 20), logger: logger) { inbound, _, _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await message in inbound.messages(maxSize: 1 << 20) {
                            guard case .text(let text) = message else { continue }
                            keepalive.heard(announcing: handle(Data(text.utf8), number: number, signals: signals, deliver: deliver, logger: logger))
                        }
                    }
                    group.addTask {
                        while true {
                            let now = ContinuousClock.now
                            let due = keepalive.due
                            if now >= due { throw EventSubKeepaliveMissed() }
                            // Short naps: a welcome may bring the deadline closer than the one slept towards.
                            try await Task.sleep(for: min(due - now, .seconds(1)))
                        }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
            signals.yield(
                .ended(connection: number, reason: close.map { "closed by Twitch (\($0.closeCode)\($0.reason.map { ": \($0)" } ?? ""))" } ?? "closed")
            )
        } catch is EventSubKeepaliveMissed {
            signals.yield(.ended(connection: number, reason: "no message within the keepalive window"))
        } catch {
            signals.yield(.ended(connection: number, reason: String(describing: error)))
        }
    }

    /// Handles one message; the keepalive window a welcome announces.
    private static func handle(
        _ data: Data,
        number: Int,
        signals: AsyncStream<EventSubSignal>.Continuation,
        deliver: @Sendable (String, Data, String) -> Void,
        logger: Logger
    ) -> Duration? {
        let message: EventSubMessage
        do {
            message = try JSONDecoder.platform.decode(EventSubMessage.self, from: data)
        } catch {
            logger.warning("unreadable EventSub message", metadata: ["error": "\(error)"])
            return nil
        }
        switch message.metadata.messageType {
        case "session_welcome":
            guard let session = message.payload.session else { return nil }
            signals.yield(.welcome(connection: number, sessionID: session.id))
            return session.keepaliveTimeoutSeconds.map { .seconds($0) }
        case "session_keepalive":
            break
        case "notification":
            guard let type = message.metadata.subscriptionType else { return nil }
            deliver(type, data, message.metadata.messageID)
        case "session_reconnect":
            guard let url = message.payload.session?.reconnectURL else { return nil }
            signals.yield(.reconnect(connection: number, url: url))
        case "revocation":
            let subscription = message.payload.subscription
            signals.yield(
                .revoked(connection: number, reason: "\(subscription?.type ?? "a subscription") revoked: \(subscription?.status ?? "unknown")")
            )
        default:
            logger.debug("EventSub message ignored", metadata: ["type": "\(message.metadata.messageType)"])
        }
        return nil
    }
}

/// When a silent connection counts as lost: the keepalive window Twitch announced (10 s until it says), plus grace,
/// after the last message of any kind.
final class KeepaliveDeadline: Sendable {
    private let state: Mutex<(window: Duration, due: ContinuousClock.Instant)>
    private let grace: Duration

    init(grace: Duration) {
        self.grace = grace
        state = Mutex((.seconds(10) + grace, .now + .seconds(10) + grace))
    }

    /// The instant past which the connection is lost.
    var due: ContinuousClock.Instant { state.withLock { $0.due } }

    /// A message arrived; a welcome `announcing` a window changes it.
    func heard(announcing window: Duration?) {
        state.withLock { state in
            if let window { state.window = window + grace }
            state.due = .now + state.window
        }
    }
}

/// The connection stayed silent past its keepalive window.
struct EventSubKeepaliveMissed: Error {}
