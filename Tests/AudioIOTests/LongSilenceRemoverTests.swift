import AudioIO
import Foundation
import SpeechCore
import TestSupport
import Testing

/// `LongSilenceRemover` against official `remove_silence_for_generated_wav` lengths recorded by
/// `scripts/f5_golden_fixtures.py` (in `Tests/F5EngineTests/Fixtures/f5_reference_golden.json`).
@Suite struct LongSilenceRemoverTests {
    struct Row: Decodable, CustomTestStringConvertible {
        var name: String
        var recipe: GoldenClipRecipe
        var input_ms: Int
        var output_ms: Int
        var output_samples: Int
        var testDescription: String { name }
    }

    struct Golden: Decodable {
        var remove_silence_for_generated_wav: [Row]
    }

    static let rows: [Row] = GoldenFixture.load(Golden.self, from: GoldenFixture.reference)?.remove_silence_for_generated_wav ?? []

    @Test func fixtureIsPresent() {
        #expect(Self.rows.count >= 5)
    }

    @Test(arguments: rows)
    func matchesOfficialLengths(_ row: Row) {
        let input = row.recipe.buffer
        #expect(MillisecondAudio(input).milliseconds == row.input_ms)
        let output = LongSilenceRemover().removeLongSilences(input)
        #expect(output.sampleRate == input.sampleRate)
        #expect(abs(MillisecondAudio(output).milliseconds - row.output_ms) <= 10, "\(row.name)")
        #expect(output.samples.count == row.output_samples, "\(row.name): same 16-bit data, so the same samples")
    }

    @Test func shortensALongPauseToOneSecond() {
        let rate = 24_000
        let tone = (0..<rate).map { Float(0.3 * sin(Double($0) * 0.1)) }
        let clip = PCMBuffer(samples: tone + [Float](repeating: 0, count: 3 * rate) + tone, sampleRate: rate)
        let output = LongSilenceRemover().removeLongSilences(clip)
        #expect(output.samples.count == 3 * rate)  // 1 s + (500 ms + 500 ms) of the pause + 1 s
    }

    @Test func splitterFindsSilenceLikePydub() {
        let rate = 24_000
        let loud = [Float](repeating: 0.5, count: rate / 2)
        let clip = MillisecondAudio(PCMBuffer(samples: loud + [Float](repeating: 0, count: 2 * rate) + loud, sampleRate: rate))
        let splitter = SilenceSplitter(minSilenceMilliseconds: 1000, thresholdDecibels: -50, keepSilenceMilliseconds: 100, seekStepMilliseconds: 10)
        #expect(splitter.silentRanges(in: clip) == [500..<2500])
        #expect(splitter.nonsilentRanges(in: clip) == [0..<500, 2500..<3000])
        #expect(clip.leadingSilence(thresholdDecibels: -42) == 0)
    }
}
