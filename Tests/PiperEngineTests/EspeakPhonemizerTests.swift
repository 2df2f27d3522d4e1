import Foundation
import SpeechCore
import Testing

@testable import PiperEngine

@Suite struct EspeakPhonemizerTests {
    let phonemizer = EspeakPhonemizer.shared

    @Test func keepsClausePunctuationLikePiper() throws {
        let phonemes = try phonemizer.phonemize("Hello, world!", voice: "en-us")
        // piper (espeak-ng + NFD) gives "həlˈoʊ, wˈɜːld!"
        #expect(phonemes == "həlˈoʊ, wˈɜːld!".decomposedStringWithCanonicalMapping)
        #expect(phonemes.contains(", "))
        #expect(phonemes.hasSuffix("!"))
    }

    @Test func marksQuestionsColonsAndSemicolons() throws {
        let phonemes = try phonemizer.phonemize("First: this; then that, right?", voice: "en-us")
        #expect(phonemes.contains(": "))
        #expect(phonemes.contains("; "))
        #expect(phonemes.contains(", "))
        #expect(phonemes.hasSuffix("?"))
    }

    @Test func aSentenceWithoutPunctuationEndsWithAPeriod() throws {
        let phonemes = try phonemizer.phonemize("no punctuation here", voice: "en-us")
        #expect(phonemes.hasSuffix("."))
        #expect(!phonemes.contains(","))
    }

    @Test func aTrailingCommaBecomesTheSentenceEnd() throws {
        let phonemes = try phonemizer.phonemize("well, okay,", voice: "en-us")
        #expect(phonemes.hasSuffix("."))
        #expect(!phonemes.hasSuffix(","))
        #expect(phonemes.contains(", "))
    }

    @Test func nothingSpeakableGivesNoPhonemes() throws {
        #expect(try phonemizer.phonemize("!!!", voice: "en-us") == "")
    }

    @Test func anUnknownVoiceIsAnEngineError() throws {
        let error = try #require(throws: SynthesisError.self) { try phonemizer.phonemize("hi", voice: "xx-nope") }
        #expect(error.code == .engineFailure)
        #expect(error.message.contains("xx-nope"))
        // The bad voice did not break the phonemizer for the next caller.
        #expect(try !phonemizer.phonemize("hi", voice: "en-us").isEmpty)
    }

    @Test func concurrentCallersDoNotCorruptEachOther() async throws {
        let texts = [
            "The quick brown fox jumps over the lazy dog.",
            "Thanks for the follow, welcome to the stream!",
            "Guten Morgen, wie geht es dir?",
        ]
        let voices = ["en-us", "en-us", "de"]
        let expected = try zip(texts, voices).map { try phonemizer.phonemize($0, voice: $1) }
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for round in 0..<30 {
                let index = round % texts.count
                group.addTask { [phonemizer] in (index, try phonemizer.phonemize(texts[index], voice: voices[index])) }
            }
            for try await (index, phonemes) in group {
                #expect(phonemes == expected[index])
            }
        }
    }
}

@Suite struct SentenceClausesTests {
    @Test func cutsAtClauseMarksFollowedBySpace() {
        let clauses = SentenceClauses("Well, 1,000 people came; wow: really?!").clauses
        #expect(
            clauses == [
                .init(text: "Well", punctuation: ", "),
                .init(text: " 1,000 people came", punctuation: "; "),
                .init(text: " wow", punctuation: ": "),
                .init(text: " really", punctuation: "?"),
            ]
        )
    }

    @Test func readsTheSentenceEndBehindQuotes() {
        #expect(SentenceClauses(#"He said "go!""#).clauses.last == .init(text: #"He said "go"#, punctuation: "!"))
        #expect(SentenceClauses("你好。").clauses == [.init(text: "你好", punctuation: ".")])
        #expect(SentenceClauses("wait...").clauses == [.init(text: "wait", punctuation: ".")])
        #expect(SentenceClauses("what...?").clauses == [.init(text: "what", punctuation: "?")])
        #expect(SentenceClauses("plain").clauses == [.init(text: "plain", punctuation: ".")])
    }

    @Test func stripsLanguageSwitchFlags() {
        #expect(LanguageSwitchFlags.strip("(en)hˈɛloʊ(de) ʃøːn") == "hˈɛloʊ ʃøːn")
        #expect(LanguageSwitchFlags.strip("a (b c) d") == "a (b c) d")
        #expect(LanguageSwitchFlags.strip("(en-us)wˈʌn") == "wˈʌn")
    }
}
