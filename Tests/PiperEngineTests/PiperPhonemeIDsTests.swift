import Foundation
import TestSupport
import Testing

@testable import PiperEngine

/// The engine frames phonemes into model ids exactly as piper-tts does (rows recorded from piper-tts itself).
@Suite struct PiperPhonemeIDsTests {
    struct Fixture: Decodable {
        struct Row: Decodable {
            let text: String
            let phonemes: String
            let ids: [Int64]
        }
        let rows: [Row]
    }

    static let fixture = GoldenFixture.load(Fixture.self, from: GoldenFixture.piperPhonemeIDs)

    static func voiceIDs() throws -> PiperPhonemeIDs {
        let json = try Data(contentsOf: ProjectPaths.defaultPiperModel.appendingPathExtension("json"))
        let config = try PiperVoiceConfig(json: json, source: "joe")
        return try PiperPhonemeIDs(phonemeIDs: config.phonemeIDs, phonemeMap: config.phonemeMap, source: "joe")
    }

    @Test func fixtureIsPresent() {
        #expect((Self.fixture?.rows.count ?? 0) >= 4)
    }

    @Test(arguments: fixture?.rows.indices.map { $0 } ?? [])
    func idsEqualPiperTTS(_ row: Int) throws {
        let expected = try #require(Self.fixture?.rows[row])
        #expect(try Self.voiceIDs().framedIDs(of: expected.phonemes) == expected.ids, "\(expected.text)")
    }

    @Test func punctuationAloneIsNotSpeech() throws {
        #expect(try Self.voiceIDs().framedIDs(of: "!?,. ") == nil)
    }
}
