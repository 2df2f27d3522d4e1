import Foundation
import TestSupport
import Testing

@testable import TextPrep

/// Every row of `Fixtures/f5_text_golden.json`, which `scripts/f5_golden_fixtures.py` records by running the
/// official f5-tts 1.1.22 code (`chunk_text`, `preprocess_ref_audio_text`, `infer_process`/`infer_batch_process`).
@Suite struct F5GoldenTests {
    struct SampleCall: Decodable {
        var text: String
        var duration: Int
    }

    struct InferRow: Decodable {
        var name: String
        var raw_ref_text: String
        var ref_text_after_preprocess: String
        var ref_text_final: String
        var ref_samples: Int
        var ref_sample_rate: Int
        var gen_text: String
        var speed: Double
        var fix_duration: Double?
        var max_chars: Int
        var chunks: [String]
        var sample_calls: [SampleCall]
    }

    struct ChunkRow: Decodable {
        var text: String
        var max_chars: Int
        var chunks: [String]
    }

    struct Golden: Decodable {
        var infer: [InferRow]
        var chunk_text: [ChunkRow]
    }

    static let golden: Golden? = GoldenFixture.load(Golden.self, from: GoldenFixture.text)

    static var inferRows: [InferRow] { golden?.infer ?? [] }
    static var chunkRows: [ChunkRow] { golden?.chunk_text ?? [] }

    @Test func fixtureIsPresent() {
        #expect(Self.inferRows.count >= 50)
        #expect(Self.chunkRows.count >= 50)
    }

    @Test(arguments: chunkRows)
    func chunkTextMatchesOfficial(_ row: ChunkRow) {
        #expect(F5TextChunker.chunk(row.text, maxBytes: row.max_chars) == row.chunks, "max_chars \(row.max_chars)")
    }

    @Test(arguments: inferRows)
    func transcriptRulesMatchOfficial(_ row: InferRow) {
        #expect(F5Transcript.preprocessed(row.raw_ref_text) == row.ref_text_after_preprocess, "\(row.name)")
        #expect(F5Transcript.referenceText(row.raw_ref_text) == row.ref_text_final, "\(row.name)")
    }

    @Test(arguments: inferRows)
    func maxCharsAndChunksMatchOfficial(_ row: InferRow) {
        let seconds = Double(row.ref_samples) / Double(row.ref_sample_rate)
        let maxBytes = F5TextChunker.maxChunkBytes(
            referenceText: F5Transcript.preprocessed(row.raw_ref_text),
            referenceSeconds: seconds,
            speed: row.speed
        )
        #expect(maxBytes == row.max_chars, "\(row.name)")
        #expect(F5TextChunker.chunk(row.gen_text, maxBytes: maxBytes) == row.chunks, "\(row.name)")
    }

    @Test(arguments: inferRows)
    func modelInputsMatchOfficial(_ row: InferRow) {
        let referenceText = F5Transcript.referenceText(row.raw_ref_text)
        let referenceFrames = row.ref_samples / F5Duration.hopLength
        let durations: [Int]
        if let fixed = row.fix_duration {
            durations = F5Duration.fixedDurations(
                seconds: fixed,
                referenceFrames: referenceFrames,
                chunks: row.chunks,
                crossFadeSeconds: 0.15
            ).map { F5Duration.frames(fixedSeconds: $0) }
        } else {
            durations = row.chunks.map {
                F5Duration.frames(referenceFrames: referenceFrames, referenceText: referenceText, generatedText: $0, speed: row.speed)
            }
        }
        #expect(durations == row.sample_calls.map(\.duration), "\(row.name)")
        #expect(row.chunks.map { referenceText + $0 } == row.sample_calls.map(\.text), "\(row.name)")
    }
}

extension F5GoldenTests.InferRow: CustomTestStringConvertible {
    var testDescription: String { name }
}

extension F5GoldenTests.ChunkRow: CustomTestStringConvertible {
    var testDescription: String { "\(text.prefix(24))… @\(max_chars)" }
}
