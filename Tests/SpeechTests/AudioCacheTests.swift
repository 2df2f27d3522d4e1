import SpeechCore
import Testing

@testable import Speech

@Suite struct AudioCacheTests {
    static let voice = Voice(id: "joe", engine: .piper, engineLabel: "Piper (CPU)", language: "en-US", sampleRate: 1000)

    static func key(_ text: String, speed: Double? = nil, voice: Voice = voice) -> AudioCache.Key {
        AudioCache.Key(voice: voice, text: text, options: SynthesisOptions(speed: speed))
    }

    /// `samples` samples of audio: `samples × 4` bytes.
    static func chunks(_ samples: Int) -> [AudioChunk] {
        [AudioChunk(index: 0, text: "x", audio: PCMBuffer(samples: [Float](repeating: 0.25, count: samples), sampleRate: 1000))]
    }

    @Test func aRepeatIsReplayedAndAnythingDifferentMisses() {
        let cache = AudioCache(budgetBytes: 100_000)
        #expect(cache.chunks(for: Self.key("gg")) == nil)
        cache.store(Self.chunks(100), for: Self.key("gg"))
        #expect(cache.chunks(for: Self.key("gg")) == Self.chunks(100))
        #expect(cache.chunks(for: Self.key("GG")) == nil)
        #expect(cache.chunks(for: Self.key("gg", speed: 1.5)) == nil)
        let otherReference = Voice(id: "joe", engine: .piper, engineLabel: "Piper (CPU)", language: "en-US", sampleRate: 1000, referenceText: "new")
        #expect(cache.chunks(for: Self.key("gg", voice: otherReference)) == nil)
        #expect(cache.bytes == 100 * 4 + 2)
    }

    @Test func theLeastRecentlyUsedGoFirstPastTheBudget() {
        let cache = AudioCache(budgetBytes: 10_000)  // room for four entries of 2001 bytes
        for text in ["a", "b", "c", "d"] { cache.store(Self.chunks(500), for: Self.key(text)) }  // 2001 bytes each
        #expect(cache.chunks(for: Self.key("a")) != nil)  // "a" is now the most recent
        cache.store(Self.chunks(500), for: Self.key("e"))  // 5 × 2001 > 10 000: the oldest ("b") goes
        #expect(cache.chunks(for: Self.key("b")) == nil)
        #expect(cache.chunks(for: Self.key("a")) != nil)
        #expect(cache.chunks(for: Self.key("e")) != nil)
        #expect(cache.bytes == 4 * 2001)
    }

    @Test func oneLongSynthesisDoesNotFlushTheRest() {
        let cache = AudioCache(budgetBytes: 10_000)
        cache.store(Self.chunks(100), for: Self.key("short"))
        cache.store(Self.chunks(1_000), for: Self.key("long"))  // 4004 bytes: over a quarter of the budget
        #expect(cache.chunks(for: Self.key("long")) == nil)
        #expect(cache.chunks(for: Self.key("short")) != nil)
    }

    @Test func aZeroBudgetKeepsNothing() {
        let cache = AudioCache(budgetBytes: 0)
        cache.store(Self.chunks(1), for: Self.key("gg"))
        #expect(cache.chunks(for: Self.key("gg")) == nil)
        #expect(cache.bytes == 0)
    }
}
