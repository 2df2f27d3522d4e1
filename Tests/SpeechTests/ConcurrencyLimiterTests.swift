import SpeechCore
import TestSupport
import Testing

@testable import Speech

@Suite struct ConcurrencyLimiterTests {
    typealias Occupancy = ConcurrencyLimiter.Occupancy

    @Test(.timeLimit(.minutes(1))) func queuesUpToTheLimitThenRefusesAsBusy() async throws {
        let occupancy = EventRecorder<Occupancy>()
        let limiter = ConcurrencyLimiter(engine: .piper, limit: 1, maxWaiting: 1, observer: occupancy.observer)
        try await limiter.acquire()
        let second = Task { try await limiter.acquire() }
        await occupancy.wait { $0 == Occupancy(running: 1, waiting: 1) }
        await #expect(throws: SynthesisError.busy(engine: .piper)) { try await limiter.acquire() }
        await limiter.release()  // handed straight to the waiter
        try await second.value
        #expect(occupancy.events.last == Occupancy(running: 1, waiting: 0))
        await limiter.release()
        #expect(occupancy.events.last == Occupancy(running: 0, waiting: 0))
    }

    @Test(.timeLimit(.minutes(1))) func cancelledWaiterLeavesTheLine() async throws {
        let occupancy = EventRecorder<Occupancy>()
        let limiter = ConcurrencyLimiter(engine: .piper, limit: 1, maxWaiting: 1, observer: occupancy.observer)
        try await limiter.acquire()
        let waiter = Task { try await limiter.acquire() }
        await occupancy.wait { $0.waiting == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(occupancy.events.last == Occupancy(running: 1, waiting: 0))
        await limiter.release()
        // The slot came back: a new caller gets it at once.
        try await limiter.acquire()
        #expect(occupancy.events.last == Occupancy(running: 1, waiting: 0))
    }
}
