import Testing

@testable import ChatSources

@Suite struct PacingTests {
    @Test func joinPacerAllowsTwentyPerTenSecondsThenWaitsForTheOldest() {
        var pacer = JoinPacer(limit: 20, window: .seconds(10))
        let start = ContinuousClock.now
        for index in 0..<20 {
            let at = start + .milliseconds(100 * index)
            #expect(pacer.delay(at: at) == .zero)
            pacer.record(at: at)
        }
        // The 21st at t=2 s must wait until the first leaves the window at t=10 s.
        #expect(pacer.delay(at: start + .seconds(2)) == .seconds(8))
        #expect(pacer.delay(at: start + .seconds(10)) == .zero)
    }

    @Test func backoffDoublesWithJitterUpToTheMaximumAndResets() {
        var backoff = Backoff(initial: .seconds(1), maximum: .seconds(60))
        let ceilings: [Duration] = [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(32), .seconds(60), .seconds(60)]
        for ceiling in ceilings {
            let wait = backoff.next()
            #expect(wait <= ceiling && wait >= ceiling / 2, "wait \(wait) outside [\(ceiling / 2), \(ceiling)]")
        }
        backoff.reset()
        #expect(backoff.next() <= .seconds(1))
    }
}
