import Foundation
import Synchronization

/// One client connection to the local EventSub server: the test sends it messages in Twitch's documented JSON.
public final class EventSubTestConnection: Sendable {
    /// The path and query the client connected to (`/ws`, `/ws?moved=1`).
    public let target: String
    /// The session this connection serves.
    public let sessionID: String
    private let outgoing: AsyncStream<String>.Continuation
    let messages: AsyncStream<String>
    private let counter = Mutex(0)
    private let keepalivesSent = Mutex(0)
    private let (keepaliveStream, keepaliveSignal) = AsyncStream.makeStream(of: Int.self)
    private let (closedStream, closedContinuation) = AsyncStream.makeStream(of: Void.self)

    init(target: String, sessionID: String) {
        self.target = target
        self.sessionID = sessionID
        (messages, outgoing) = AsyncStream.makeStream(of: String.self)
    }

    /// Sends `session_welcome` announcing `keepaliveSeconds`.
    public func welcome(keepaliveSeconds: Int) {
        let session: [String: any Sendable] = [
            "id": sessionID, "status": "connected", "connected_at": "2026-11-30T12:00:00.000000000Z",
            "keepalive_timeout_seconds": keepaliveSeconds, "reconnect_url": NSNull(),
        ]
        send(type: "session_welcome", payload: ["session": session])
    }

    /// Sends `session_keepalive`.
    public func keepalive() {
        send(type: "session_keepalive", payload: [:])
        keepalivesSent.withLock { $0 += 1 }
        keepaliveSignal.yield(keepalivesSent.withLock { $0 })
    }

    /// Waits until `count` keepalives have been sent on this connection.
    public func waitForKeepalives(_ count: Int) async {
        for await sent in keepaliveStream where sent >= count { return }
    }

    /// Sends a `notification` of `subscriptionType` carrying `event`; `messageID` repeats a delivery.
    public func notify(_ subscriptionType: String, event: [String: any Sendable], messageID: String? = nil) {
        let subscription: [String: any Sendable] = [
            "id": "sub-\(subscriptionType)", "status": "enabled", "type": subscriptionType, "version": "1", "cost": 0,
            "condition": ["broadcaster_user_id": "1001"], "transport": ["method": "websocket", "session_id": sessionID],
            "created_at": "2026-11-30T12:00:00Z",
        ]
        send(
            type: "notification",
            payload: ["subscription": subscription, "event": event],
            messageID: messageID,
            extraMetadata: ["subscription_type": subscriptionType, "subscription_version": "1"]
        )
    }

    /// Sends `session_reconnect` pointing at `url`.
    public func reconnect(to url: String) {
        let session: [String: any Sendable] = [
            "id": sessionID, "status": "reconnecting", "keepalive_timeout_seconds": NSNull(), "reconnect_url": url,
            "connected_at": "2026-11-30T12:00:00.000000000Z",
        ]
        send(type: "session_reconnect", payload: ["session": session])
    }

    /// Sends `revocation` of `subscriptionType` with `status` (`authorization_revoked`, `user_removed`).
    public func revoke(_ subscriptionType: String, status: String) {
        let subscription: [String: any Sendable] = [
            "id": "sub-\(subscriptionType)", "status": status, "type": subscriptionType, "version": "1", "cost": 0,
            "condition": ["broadcaster_user_id": "1001"], "transport": ["method": "websocket", "session_id": sessionID],
            "created_at": "2026-11-30T12:00:00Z",
        ]
        send(type: "revocation", payload: ["subscription": subscription], extraMetadata: ["subscription_type": subscriptionType])
    }

    /// Closes the socket from the server's side.
    public func close() { outgoing.finish() }

    /// Waits until the client has gone (it closed the socket, or the server did).
    public func waitUntilClosed() async {
        for await _ in closedStream { return }
    }

    func closed() {
        closedContinuation.yield()
        closedContinuation.finish()
        outgoing.finish()
    }

    private func send(type: String, payload: [String: any Sendable], messageID: String? = nil, extraMetadata: [String: String] = [:]) {
        let number = counter.withLock { count in
            count += 1
            return count
        }
        var metadata: [String: any Sendable] = [
            "message_id": messageID ?? "\(sessionID)-\(number)", "message_type": type, "message_timestamp": "2026-11-30T12:00:00.123456789Z",
        ]
        for (key, value) in extraMetadata { metadata[key] = value }
        let object: [String: any Sendable] = ["metadata": metadata, "payload": payload]
        guard let data = try? JSONSerialization.data(withJSONObject: object) else { return }
        outgoing.yield(String(decoding: data, as: UTF8.self))
    }
}
