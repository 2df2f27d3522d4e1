import DequeModule
import Synchronization

/// The one timeline every player and panel follows: numbers events, keeps a bounded window of recent ones for
/// clients that reconnect, and fans them out to subscribers without ever waiting for a slow one.
public final class EventHub: Sendable {
    /// Recent events kept for reconnecting clients.
    public let windowSize: Int
    /// Events buffered per subscriber; one that falls further behind is disconnected (it reconnects and catches up).
    public let subscriberBuffer: Int
    private let state: Mutex<State>

    private struct State {
        var nextSequence: UInt64 = 1
        var window: Deque<GatewayEvent> = []
        var subscribers: [Int: AsyncStream<GatewayEvent>.Continuation] = [:]
        var nextSubscriber = 0
    }

    /// Creates an empty timeline.
    public init(windowSize: Int = 1024, subscriberBuffer: Int = 256) {
        self.windowSize = max(1, windowSize)
        self.subscriberBuffer = max(1, subscriberBuffer)
        state = Mutex(State())
    }

    /// A subscription: the events missed since the client's last one, then the live stream.
    public struct Subscription: Sendable {
        /// Events after the requested sequence still in the window, oldest first (audio left out).
        public let missed: [GatewayEvent]
        /// Set when some requested events already left the window: the client should reload the queue state.
        public let gap: Bool
        /// Live events from now on; ends when the subscriber falls behind by more than its buffer.
        public let events: AsyncStream<GatewayEvent>
    }

    /// Subscribes; `since` is the last sequence the client saw (`nil`: live events only).
    public func subscribe(since: UInt64? = nil) -> Subscription {
        let (stream, continuation) = AsyncStream.makeStream(of: GatewayEvent.self, bufferingPolicy: .bufferingOldest(subscriberBuffer))
        return state.withLock { state in
            var missed: [GatewayEvent] = []
            var gap = false
            if let since {
                missed = state.window.filter { $0.sequence > since }.map {
                    var event = $0
                    event.audio = nil
                    return event
                }
                let oldestKept = state.window.first?.sequence ?? state.nextSequence
                gap = since + 1 < oldestKept
            }
            let id = state.nextSubscriber
            state.nextSubscriber += 1
            state.subscribers[id] = continuation
            continuation.onTermination = { [weak self] _ in self?.unsubscribe(id) }
            return Subscription(missed: missed, gap: gap, events: stream)
        }
    }

    /// How many subscribers are connected.
    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// The sequence the next event will get.
    public var nextSequence: UInt64 { state.withLock { $0.nextSequence } }

    /// Numbers `make`'s event and delivers it; returns it.
    @discardableResult
    func publish(_ make: (UInt64) -> GatewayEvent) -> GatewayEvent {
        let (event, dropped) = state.withLock { state -> (GatewayEvent, [AsyncStream<GatewayEvent>.Continuation]) in
            let event = make(state.nextSequence)
            state.nextSequence += 1
            var kept = event
            kept.audio = nil  // the window is for catching up on state, never for replaying audio
            state.window.append(kept)
            if state.window.count > windowSize { state.window.removeFirst() }
            var dropped: [AsyncStream<GatewayEvent>.Continuation] = []
            for (id, continuation) in state.subscribers {
                if case .dropped = continuation.yield(event) {
                    dropped.append(continuation)
                    state.subscribers[id] = nil
                }
            }
            return (event, dropped)
        }
        // Finished outside the lock: termination handlers call back into the hub.
        for continuation in dropped { continuation.finish() }
        return event
    }

    private func unsubscribe(_ id: Int) {
        _ = state.withLock { $0.subscribers.removeValue(forKey: id) }
    }
}
