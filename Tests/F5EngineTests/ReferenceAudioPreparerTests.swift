import AudioIO
import F5Engine
import Foundation
import SpeechCore
import TestSupport
import Testing

/// `ReferenceAudioPreparer` against official `preprocess_ref_audio_text` / `infer_batch_process` results recorded
/// by `scripts/f5_golden_fixtures.py` in `Fixtures/f5_reference_golden.json`.
@Suite struct ReferenceAudioPreparerTests {
    struct Row: Decodable, CustomTestStringConvertible {
        var name: String
        var recipe: GoldenClipRecipe
        var input_ms: Int
        var output_ms: Int
        var output_samples: Int
        var output_sample_rate: Int
        var clipped: Bool
        var original_rms: Double
        var normalised_rms: Double?
        var ref_frames: Int?
        var testDescription: String { name }
    }

    struct Golden: Decodable {
        var preprocess: [Row]
    }

    static let rows: [Row] = GoldenFixture.load(Golden.self, from: GoldenFixture.reference)?.preprocess ?? []

    @Test func fixtureIsPresent() {
        #expect(Self.rows.count >= 10)
    }

    @Test(arguments: rows)
    func matchesOfficialClipLengthsAndLoudness(_ row: Row) throws {
        let prepared = try ReferenceAudioPreparer().prepare(row.recipe.buffer)
        #expect(prepared.audio.sampleRate == 24_000)
        let milliseconds = MillisecondAudio(prepared.audio).milliseconds
        #expect(abs(milliseconds - row.output_ms) <= 10, "\(row.name): \(milliseconds) ms, official \(row.output_ms) ms")
        if let frames = row.ref_frames {
            #expect(prepared.frames == frames, "\(row.name): \(prepared.audio.samples.count) samples vs \(row.output_samples)")
            #expect(prepared.audio.samples.count == row.output_samples, "\(row.name)")
        }
        #expect(prepared.clipped == row.clipped, "\(row.name)")
        #expect(abs(Double(prepared.originalRMS) - row.original_rms) <= 0.01 * row.original_rms + 1e-4, "\(row.name)")
        if let normalised = row.normalised_rms {
            #expect(abs(Double(prepared.normalisedRMS) - normalised) <= 0.01 * normalised, "\(row.name)")
        }
    }

    /// Numbers official `infer_batch_process` produced for this clip: 97198 samples, `ref_audio_len` 379 (so a
    /// frame is `samples // 256`; `samples // 256 + 1`, the mel's row count, would be 380).
    @Test func framesAreTheOfficialReferenceLength() throws {
        let row = try #require(Self.rows.first { $0.name == "short_with_edges" })
        let prepared = try ReferenceAudioPreparer().prepare(row.recipe.buffer)
        #expect(prepared.audio.samples.count == 97_198)
        #expect(prepared.frames == 379)
    }

    @Test func quietClipIsRaisedAndGeneratedAudioTurnedBackDown() throws {
        let rate = 24_000
        let clip = PCMBuffer(samples: (0..<(3 * rate)).map { Float(0.02 * sin(Double($0) * 0.05)) }, sampleRate: rate)
        let prepared = try ReferenceAudioPreparer().prepare(clip)
        #expect(prepared.originalRMS < 0.1)
        #expect(abs(prepared.normalisedRMS - 0.1) < 1e-4)
        #expect(abs(AudioAnalysis.rms(prepared.audio) - 0.1) < 1e-4)
        let generated = PCMBuffer(samples: [Float](repeating: 0.1, count: 100), sampleRate: rate)
        let restored = prepared.restoreLoudness(generated)
        #expect(abs(AudioAnalysis.rms(restored) - prepared.originalRMS) < 1e-4)
    }

    @Test func loudClipIsLeftAlone() throws {
        let rate = 44_100
        let clip = PCMBuffer(samples: (0..<(4 * rate)).map { Float(0.5 * sin(Double($0) * 0.05)) }, sampleRate: rate)
        let prepared = try ReferenceAudioPreparer().prepare(clip)
        #expect(prepared.audio.sampleRate == 24_000)
        #expect(prepared.originalRMS == prepared.normalisedRMS)
        #expect(prepared.originalRMS > 0.3)
        let generated = PCMBuffer(samples: [0.25, -0.5], sampleRate: 24_000)
        #expect(prepared.restoreLoudness(generated) == generated)
        #expect(prepared.audio.samples.suffix(1198).allSatisfy { $0 == 0 })  // pydub's 50 ms of silence at 24 kHz
    }

    @Test func rejectsEmptySilentAndTooShortClips() {
        let rate = 24_000
        #expect(throws: SynthesisError.self) { try ReferenceAudioPreparer().prepare(PCMBuffer(samples: [], sampleRate: rate)) }
        let silent = PCMBuffer(samples: [Float](repeating: 0, count: 5 * rate), sampleRate: rate)
        #expect { try ReferenceAudioPreparer().prepare(silent) } throws: { error in
            (error as? SynthesisError)?.code == .invalidOption && "\(error)".contains("silent")
        }
        let blip = PCMBuffer(
            samples: [Float](repeating: 0, count: rate) + (0..<(rate / 2)).map { Float(0.3 * sin(Double($0) * 0.1)) }
                + [Float](repeating: 0, count: rate),
            sampleRate: rate
        )
        #expect { try ReferenceAudioPreparer().prepare(blip) } throws: { error in
            (error as? SynthesisError)?.code == .invalidOption && "\(error)".contains("after trimming")
        }
    }
}
