import F5Engine
import Testing

/// When `auto` starts a standby worker: from a ready worker's memory figures.
@Suite struct StandbyPolicyTests {
    @Test func aStandbyFitsWhenTheFreeMemoryHoldsAnotherPeakWithItsMargin() {
        // An H200 after one warmed worker (figures of the shape the worker reports).
        #expect(F5StandbyPolicy.fits(stats(freeMB: 135_000, peakMB: 3_900)) == true)
        // 3,000 MB peak needs 3,750 + 1,536 = 5,286 MB free.
        #expect(F5StandbyPolicy.fits(stats(freeMB: 5_300, peakMB: 3_000)) == true)
        #expect(F5StandbyPolicy.fits(stats(freeMB: 5_200, peakMB: 3_000)) == false)
        // A CPU worker reports no device memory.
        #expect(F5StandbyPolicy.fits(stats(freeMB: nil, peakMB: nil)) == nil)
    }

    private func stats(freeMB: Double?, peakMB: Double?) -> F5StatsReply {
        var reply = F5StatsReply(id: 1, batches: 0, items: 0)
        reply.deviceFreeMB = freeMB
        reply.devicePeakMB = peakMB
        return reply
    }
}
