/// Passes the loaded speech system from the service that loads it to the one that uses it.
actor SpeechSystemHandoff {
    private var system: SpeechSystem?
    private var waiters: [Int: CheckedContinuation<SpeechSystem, any Error>] = [:]
    private var nextWaiter = 0

    /// Makes `system` available to every present and future ``system()`` call.
    func publish(_ system: SpeechSystem) {
        self.system = system
        let waiting = waiters
        waiters = [:]
        for continuation in waiting.values { continuation.resume(returning: system) }
    }

    /// The system, once published; throws `CancellationError` if the caller is cancelled first.
    func system() async throws -> SpeechSystem {
        if let system { return system }
        let ticket = nextWaiter
        nextWaiter += 1
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if let system {
                    continuation.resume(returning: system)
                } else if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters[ticket] = continuation
                }
            }
        } onCancel: {
            Task { await self.cancel(ticket) }
        }
    }

    private func cancel(_ ticket: Int) {
        waiters.removeValue(forKey: ticket)?.resume(throwing: CancellationError())
    }
}
