import Foundation
import TestSupport
import Testing
import TextPrep

/// The streaming first-chunk rule as golden rows that the Python copy is held to.
///
/// `Fixtures/f5_first_chunk_golden.json` holds what ``F5TextChunker/chunksForStreaming(_:maxBytes:firstChunkMaxBytes:)``
/// makes of each input below; `worker/tests/test_chunking.py` asserts that the worker's Python rule (which the GPU
/// benchmark uses for first audio) makes the same. After a deliberate change of the Swift rule, rewrite the file with
/// `ISHOWTTS_WRITE_GOLDEN=1 swift test --filter F5FirstChunkGoldenTests` and make the Python rule follow.
@Suite struct F5FirstChunkGoldenTests {
    struct Row: Codable, Equatable {
        var name: String
        var text: String
        var max_bytes: Int
        var chunks: [String]
    }

    struct Meta: Codable, Equatable {
        var generator: String
        var first_chunk_max_bytes: Int
        var minimum_first_chunk_bytes: Int
    }

    struct Golden: Codable, Equatable {
        var meta: Meta
        var rows: [Row]
    }

    static let path = "Tests/TextPrepTests/Fixtures/f5_first_chunk_golden.json"
    static let firstChunkMaxBytes = 48

    static let family = "👨\u{200D}👩\u{200D}👧"  // one character of 18 bytes (3 emoji joined by ZWJ)

    /// Inputs: (name, text, maxBytes). The names say which part of the rule each row exercises.
    static let inputs: [(String, String, Int)] = [
        ("clause_punctuation", "Thanks for the raid everyone! Welcome in, grab a snack, we are about to start the ranked grind.", 135),
        ("clause_then_space", "Welcome in, grab a snack, we are about to start the ranked grind tonight.", 135),
        ("spaces_only", "this is a very long message without any punctuation at all that keeps going and going", 135),
        ("head_under_minimum_stays_whole", "Hi " + String(repeating: "a", count: 80), 135),
        ("short_clause_then_long_word", "Ok, " + String(repeating: "b", count: 60), 135),
        ("unspaced_ascii", String(repeating: "x", count: 60), 135),
        ("unspaced_url", "https://example.com/a/very/long/path/that/keeps/going/and/going?query=yes&more=no", 135),
        ("numbers_and_punctuation", "The total is 1,234.56 dollars, paid on 2024-03-15 at 10:30. Call 555-0199, or 1.800.FLOWERS now!", 135),
        ("ascii_47_bytes", String(repeating: "word ", count: 9) + "ab", 135),
        ("ascii_48_bytes", String(repeating: "word ", count: 9) + "abc", 135),
        ("ascii_49_bytes", String(repeating: "word ", count: 9) + "abcd", 135),
        ("cjk_punctuated", "今天天气真不错，我们一起去公园散步吧。你觉得怎么样？好的！那我们下午三点见；别迟到：记得带水。", 300),
        ("cjk_bare", "今天天气真不错我们一起去公园散步吧你觉得怎么样好的那我们下午三点见别迟到记得带水", 300),
        ("cjk_48_bytes", String(repeating: "好", count: 16), 300),
        ("cjk_51_bytes", String(repeating: "好", count: 17), 300),
        ("cjk_ideographic_space", "今天天气真不错\u{3000}我们一起去公园散步吧\u{3000}你觉得怎么样好的那我们下午三点见", 300),
        ("cjk_mixed_english", "我今天买了一个 iPhone 15 Pro，真的很好用。Apple 的 design 一直都很 amazing！你呢？", 135),
        ("multibyte_ends_at_48", String(repeating: "a", count: 45) + "中文字", 135),
        ("multibyte_straddles_48", String(repeating: "a", count: 46) + "中文字", 135),
        ("multibyte_straddles_48_late", String(repeating: "a", count: 47) + "中文字", 135),
        ("spaced_multibyte_straddles_48", String(repeating: "word ", count: 9) + "中文字好", 135),
        ("emoji_spaced", "lol that play was insane 😂😂 can you do it again? 🔥 GG everyone! 👍🏽 \(family) and more words here", 135),
        ("emoji_unspaced", String(repeating: "😂", count: 15), 135),
        ("emoji_straddles_48", String(repeating: "a", count: 45) + "😂" + String(repeating: "b", count: 10), 135),
        ("emoji_zwj_straddles_48", "ab" + String(repeating: family, count: 3), 135),
        ("emoji_skin_tone_straddles_48", "a" + String(repeating: "👍🏽", count: 7), 135),
        ("flags_straddle_48", "a" + String(repeating: "🇯🇵", count: 7), 135),
        ("combining_accents_straddle_48", "a" + String(repeating: "e\u{301}", count: 20), 135),
        ("keycaps_unspaced", String(repeating: "1\u{FE0F}\u{20E3}", count: 9), 135),
        ("whitespace_runs_and_rest", "Hello there everyone,\n\n  welcome in to the stream.   Second   sentence here!  Third one, too.", 135),
        ("small_budget_first_chunk_short", "Short one. Then a much longer second sentence that goes on and on, far past the limit.", 20),
        ("first_sentence_short_rest_long", "Short one. Then a much longer second sentence that goes on and on, far past the first chunk limit.", 135),
        ("empty", "", 135),
    ]

    static func current() -> Golden {
        Golden(
            meta: Meta(
                generator: "Tests/TextPrepTests/F5FirstChunkGoldenTests.swift (ISHOWTTS_WRITE_GOLDEN=1)",
                first_chunk_max_bytes: firstChunkMaxBytes,
                minimum_first_chunk_bytes: F5TextChunker.minimumFirstChunkBytes
            ),
            rows: inputs.map { name, text, maxBytes in
                Row(
                    name: name,
                    text: text,
                    max_bytes: maxBytes,
                    chunks: F5TextChunker.chunksForStreaming(text, maxBytes: maxBytes, firstChunkMaxBytes: firstChunkMaxBytes)
                )
            }
        )
    }

    @Test func fixtureHoldsWhatTheSwiftRuleMakes() throws {
        let golden = Self.current()
        if ProcessInfo.processInfo.environment["ISHOWTTS_WRITE_GOLDEN"] == "1" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try (encoder.encode(golden) + Data("\n".utf8)).write(to: ProjectPaths.root.appendingPathComponent(Self.path))
        }
        let recorded = try #require(GoldenFixture.load(Golden.self, from: Self.path))
        #expect(recorded.meta == golden.meta)
        #expect(recorded.rows.map(\.name) == golden.rows.map(\.name))
        for (want, got) in zip(recorded.rows, golden.rows) {
            #expect(want == got, "\(got.name)")
        }
    }

    /// The edge rows only prove something while their texts really sit on the edges.
    @Test func edgeRowsSitOnTheByteLimit() {
        let bytes = Dictionary(uniqueKeysWithValues: Self.inputs.map { ($0.0, $0.1.utf8.count) })
        #expect(bytes["ascii_47_bytes"] == 47)
        #expect(bytes["ascii_48_bytes"] == 48)
        #expect(bytes["ascii_49_bytes"] == 49)
        #expect(bytes["cjk_48_bytes"] == 48)
        #expect(bytes["emoji_zwj_straddles_48"] == 56)  // characters start at bytes 2, 20 and 38
        #expect(Self.family.count == 1 && Self.family.utf8.count == 18)
    }
}
