public import SpeechCore

/// Bounds how many syntheses of one engine run at once and how many may wait, so a burst of requests
/// queues briefly instead of starving the engine, and a flood is refused instead of piling up.
public actor ConcurrencyLimiter {
    /// How full the limiter is, reported to ``init(engine:limit:maxWaiting:observer:)``'s observer on every change.
    public struct Occupancy: Sendable, Equatable {
        /// Permits held.
        public let running: Int
        /// Callers waiting for a permit.
        public let waiting: Int
    }

    private let engine: EngineID
    private let limit: Int
    private let maxWaiting: Int
    private let observer: (@Sendable (Occupancy) -> Void)?
    private var running = 0
    private var nextTicket = 0
    private var waiters: [(ticket: Int, continuation: CheckedContinuation<Void, any Error>)] = []

    /// Allows `limit` concurrent holders and `maxWaiting` queued callers of `engine`; `observer` hears every change
    /// (metrics, tests), synchronously on the limiter's executor.
    public init(engine: EngineID, limit: Int, maxWaiting: Int, observer: (@Sendable (Occupancy) -> Void)? = nil) {
        precondition(limit > 0 && maxWaiting >= 0)
        self.engine = engine
        self.limit = limit
        self.maxWaiting = maxWaiting
        self.observer = observer
    }

    /// Takes one permit, waiting for one first; pair every successful call with one ``release()``.
    ///
    /// Throws ``SynthesisError`` `.busy` when the waiting line is full, and `CancellationError` when the caller is
    /// cancelled while waiting.
    public func acquire() async throws {
        if running < limit {
            running += 1
            report()
            return
        }
        guard waiters.count < maxWaiting else { throw SynthesisError.busy(engine: engine) }
        let ticket = nextTicket
        nextTicket += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append((ticket, continuation))
                    report()
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(ticket) }
        }
    }

    /// Gives a permit back: to the oldest waiter when there is one.
    public func release() {
        if waiters.isEmpty {
            running -= 1
        } else {
            // Hand the slot straight over: `running` stays the same.
            waiters.removeFirst().continuation.resume()
        }
        report()
    }

    private func cancelWaiter(_ ticket: Int) {
        guard let index = waiters.firstIndex(where: { $0.ticket == ticket }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
        report()
    }

    private func report() {
        observer?(Occupancy(running: running, waiting: waiters.count))
    }
}
