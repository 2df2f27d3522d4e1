import Foundation
import PiperEngine
import SpeechCore
import TestSupport
import Testing

/// Whisper must understand what the engine says: the end-to-end check that phonemes, ids and audio are right.
@Suite struct IntelligibilityTests {
    static let sentences = [
        "Welcome to the stream, everyone!",
        "Thanks so much for the follow.",
        "Can you hear me clearly now?",
        "That was an amazing play!",
        "Please be nice to each other in the chat.",
        "I think we should try the other path this time.",
        "Wow, that boss fight was really hard.",
        "Do not forget to drink some water.",
        "What game should we play next?",
        "The weather outside is cold and rainy today.",
        "Good luck, have fun!",
        "Let me know what you think about the new music.",
    ]

    @Test(.timeLimit(.minutes(5)))
    func whisperUnderstandsTheSynthesizedSpeech() async throws {
        let engine = try SharedPiperEngine.engine()
        let folder = try ProjectPaths.makeTemporaryDirectory("ishowtts-intelligibility")
        defer { try? FileManager.default.removeItem(at: folder) }

        var files: [URL] = []
        for (index, sentence) in Self.sentences.enumerated() {
            let start = ContinuousClock.now
            let audio = try await PCMBuffer(collecting: engine.synthesize(SynthesisRequest(text: sentence, voiceID: SharedPiperEngine.voiceID)))
            print("synthesized \(index) in \(ContinuousClock.now - start) for \(String(format: "%.2f", audio.duration)) s of audio")
            let file = folder.appendingPathComponent("sentence-\(index).wav")
            try TestWAV.write(audio, to: file)
            files.append(file)
        }

        let transcripts = try await Transcriber.transcribe(files)
        var errors = 0
        var words = 0
        for (file, sentence) in zip(files, Self.sentences) {
            let heard = transcripts[file.path] ?? ""
            let reference = WordErrorRate.words(sentence)
            let distance = WordErrorRate.editDistance(reference, WordErrorRate.words(heard))
            errors += distance
            words += reference.count
            print("WER \(String(format: "%.2f", Double(distance) / Double(reference.count)))  said: \(sentence)  heard: \(heard)")
        }
        let rate = Double(errors) / Double(words)
        print("total WER \(String(format: "%.3f", rate)) (\(errors) errors in \(words) words)")
        #expect(rate <= 0.15)
    }
}

@Suite struct WordErrorRateTests {
    @Test func ignoresCaseAndPunctuation() {
        #expect(WordErrorRate.words("Hello, World! Don't stop.") == ["hello", "world", "don't", "stop"])
        #expect(WordErrorRate.rate(reference: "Hello, world!", hypothesis: "hello world") == 0)
    }

    @Test func countsSubstitutionsInsertionsAndDeletions() {
        #expect(WordErrorRate.editDistance(["a", "b", "c"], ["a", "x", "c", "d"]) == 2)
        #expect(WordErrorRate.editDistance(["a", "b", "c"], []) == 3)
        #expect(WordErrorRate.rate(reference: "one two three four", hypothesis: "one too three") == 0.5)
    }
}
