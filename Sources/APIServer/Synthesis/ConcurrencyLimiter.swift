/// Bounds how many syntheses run at once and how many may wait, so a burst of requests
/// queues briefly instead of starving the CPU, and a flood is refused instead of piling up.
actor ConcurrencyLimiter {
    private let limit: Int
    private let maxWaiting: Int
    private var running = 0
    private var nextTicket = 0
    private var waiters: [(ticket: Int, continuation: CheckedContinuation<Void, any Error>)] = []

    /// Allows `limit` concurrent holders and `maxWaiting` queued callers.
    init(limit: Int, maxWaiting: Int) {
        precondition(limit > 0 && maxWaiting >= 0)
        self.limit = limit
        self.maxWaiting = maxWaiting
    }

    /// Whether a new caller would be refused right now.
    var isSaturated: Bool { running >= limit && waiters.count >= maxWaiting }

    /// Runs `body` while holding one slot; waits for a slot first.
    ///
    /// Throws ``APIError/busy(retryAfterSeconds:)`` when the waiting line is full, and `CancellationError`
    /// when the caller is cancelled while waiting.
    func withPermit<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async throws {
        if running < limit {
            running += 1
            return
        }
        guard waiters.count < maxWaiting else { throw APIError.busy(retryAfterSeconds: 1) }
        let ticket = nextTicket
        nextTicket += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append((ticket, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(ticket) }
        }
    }

    private func release() {
        if waiters.isEmpty {
            running -= 1
        } else {
            // Hand the slot straight to the oldest waiter: `running` stays the same.
            waiters.removeFirst().continuation.resume()
        }
    }

    private func cancelWaiter(_ ticket: Int) {
        guard let index = waiters.firstIndex(where: { $0.ticket == ticket }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}
