import Foundation

/// The golden JSON files recorded from reference implementations: the official F5-TTS code
/// (`scripts/f5_golden_fixtures.py`) and piper-tts (`scripts/piper_phoneme_ids_fixture.py`).
public enum GoldenFixture {
    /// The F5 text rules: `infer_process` and `chunk_text` rows.
    public static let text = "Tests/TextPrepTests/Fixtures/f5_text_golden.json"
    /// The F5 reference-audio and silence-removal rules.
    public static let reference = "Tests/F5EngineTests/Fixtures/f5_reference_golden.json"
    /// piper-tts's phonemes and model ids for a few lines on the default voice.
    public static let piperPhonemeIDs = "Tests/PiperEngineTests/Fixtures/piper_phoneme_ids.json"

    /// Decodes the fixture at `path` (relative to the repository root); `nil` when missing or unreadable,
    /// which each suite's `fixtureIsPresent` test turns into a failure.
    public static func load<T: Decodable>(_ type: T.Type, from path: String) -> T? {
        guard let data = try? Data(contentsOf: ProjectPaths.root.appendingPathComponent(path)) else { return nil }
        return try? JSONDecoder().decode(type, from: data)
    }
}
