import Testing
@testable import APIServer

@Suite struct ConcurrencyLimiterTests {
    /// Holds a permit until `release()` is called, and says when it got the permit.
    final class Holder: Sendable {
        let (acquired, acquiredContinuation) = AsyncStream<Void>.makeStream()
        let (released, releaseContinuation) = AsyncStream<Void>.makeStream()

        func hold(_ limiter: ConcurrencyLimiter) async throws {
            try await limiter.withPermit {
                acquiredContinuation.yield()
                for await _ in released { break }
            }
        }
        func waitUntilAcquired() async { for await _ in acquired { break } }
        func release() { releaseContinuation.yield() }
    }

    @Test func queuesUpToTheLimitThenRefusesAsBusy() async throws {
        let limiter = ConcurrencyLimiter(limit: 1, maxWaiting: 1)
        let first = Holder()
        let second = Holder()
        let firstTask = Task { try await first.hold(limiter) }
        await first.waitUntilAcquired()
        let secondTask = Task { try await second.hold(limiter) }
        // Wait until the second caller is queued: then the limiter is saturated.
        while await !limiter.isSaturated { await Task.yield() }
        await #expect(throws: APIError.busy(retryAfterSeconds: 1)) {
            try await limiter.withPermit {}
        }
        first.release()
        await second.waitUntilAcquired()
        second.release()
        try await firstTask.value
        try await secondTask.value
        #expect(await !limiter.isSaturated)
    }

    @Test func cancelledWaiterLeavesTheLine() async throws {
        let limiter = ConcurrencyLimiter(limit: 1, maxWaiting: 1)
        let holder = Holder()
        let holding = Task { try await holder.hold(limiter) }
        await holder.waitUntilAcquired()
        let waiter = Task { try await limiter.withPermit {} }
        while await !limiter.isSaturated { await Task.yield() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(await !limiter.isSaturated)
        holder.release()
        try await holding.value
        // The slot came back: a new caller gets it at once.
        try await limiter.withPermit {}
    }
}
