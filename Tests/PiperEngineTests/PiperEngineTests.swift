import Foundation
import Logging
import PiperEngine
import SpeechCore
import TestSupport
import Testing

@Suite struct PiperEngineTests {
    private func rms(_ samples: [Float]) -> Double {
        (samples.reduce(0) { $0 + Double($1 * $1) } / Double(max(1, samples.count))).squareRoot()
    }

    @Test func listsTheVoiceWithItsLanguageAndRate() async throws {
        let engine = try SharedPiperEngine.engine()
        #expect(engine.id == .piper)
        let voices = await engine.voices()
        #expect(voices == [Voice(id: SharedPiperEngine.voiceID, engine: .piper, engineLabel: "Piper (CPU)", language: "en-US", sampleRate: 22050)])
        #expect(await engine.health().status == .ok)
    }

    @Test(.timeLimit(.minutes(2)))
    func yieldsOneAudibleChunkPerSentence() async throws {
        let engine = try SharedPiperEngine.engine()
        let text = "Welcome to the stream, everyone! How is your day going? I hope you are having fun."
        var chunks: [AudioChunk] = []
        for try await chunk in engine.synthesize(SynthesisRequest(text: text, voiceID: SharedPiperEngine.voiceID)) {
            chunks.append(chunk)
        }
        #expect(chunks.map(\.text) == ["Welcome to the stream, everyone!", "How is your day going?", "I hope you are having fun."])
        #expect(chunks.map(\.index) == [0, 1, 2])
        for chunk in chunks {
            #expect(chunk.audio.sampleRate == 22050)
            let level = rms(chunk.audio.samples)
            let secondsPerCharacter = chunk.audio.duration / Double(chunk.text.count)
            let seconds = String(format: "%.2f", chunk.audio.duration)
            print("chunk \(chunk.index): \(seconds) s, rms \(String(format: "%.3f", level)), \(String(format: "%.3f", secondsPerCharacter)) s/char")
            #expect(level > 0.02, "chunk \(chunk.index) is nearly silent")
            #expect((0.04...0.15).contains(secondsPerCharacter), "chunk \(chunk.index): \(secondsPerCharacter) s per character")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func firstClauseOfTheFirstSentenceComesFirstOnItsOwn() async throws {
        let engine = try SharedPiperEngine.engine()
        let text = "Hello chat, thanks for the follow! Enjoy the stream, everybody."
        var chunks: [AudioChunk] = []
        for try await chunk in engine.synthesize(SynthesisRequest(text: text, voiceID: SharedPiperEngine.voiceID)) {
            chunks.append(chunk)
        }
        // Only the first sentence is split: later ones are rendered while the first plays.
        #expect(chunks.map(\.text) == ["Hello chat,", "thanks for the follow!", "Enjoy the stream, everybody."])
        #expect(chunks.allSatisfy { rms($0.audio.samples) > 0.02 })
    }

    @Test(.timeLimit(.minutes(2)))
    func aWholeFileRequestKeepsTheFirstSentenceWhole() async throws {
        let engine = try SharedPiperEngine.engine()
        let request = SynthesisRequest(text: "Hello chat, thanks for the follow!", voiceID: SharedPiperEngine.voiceID, delivery: .whole)
        var chunks: [AudioChunk] = []
        for try await chunk in engine.synthesize(request) { chunks.append(chunk) }
        // Nobody waits for a first piece, so the extra run of a split would only cost time.
        #expect(chunks.map(\.text) == ["Hello chat, thanks for the follow!"])
    }

    @Test(.timeLimit(.minutes(2)))
    func speedTwoIsClearlyShorterThanSpeedOne() async throws {
        let engine = try SharedPiperEngine.engine()
        let text = "This sentence is spoken twice, at two different speeds."
        let normal = try await PCMBuffer(
            collecting: engine.synthesize(SynthesisRequest(text: text, voiceID: SharedPiperEngine.voiceID, options: .init(speed: 1)))
        )
        let fast = try await PCMBuffer(
            collecting: engine.synthesize(SynthesisRequest(text: text, voiceID: SharedPiperEngine.voiceID, options: .init(speed: 2)))
        )
        print("speed 1: \(normal.duration) s, speed 2: \(fast.duration) s")
        #expect(fast.duration < normal.duration * 0.75)
        #expect(fast.duration > normal.duration * 0.35)
    }

    @Test func anUnknownVoiceThrows() async throws {
        let engine = try SharedPiperEngine.engine()
        let error = await #expect(throws: SynthesisError.self) {
            for try await _ in engine.synthesize(SynthesisRequest(text: "hello", voiceID: "nobody")) {}
        }
        #expect(error?.code == .unknownVoice)
    }

    @Test(arguments: [0.1, 5.0, Double.nan])
    func aSpeedOutsideTheRangeThrows(speed: Double) async throws {
        let engine = try SharedPiperEngine.engine()
        let request = SynthesisRequest(text: "hello", voiceID: SharedPiperEngine.voiceID, options: .init(speed: speed))
        let error = await #expect(throws: SynthesisError.self) {
            for try await _ in engine.synthesize(request) {}
        }
        #expect(error?.code == .invalidOption)
    }

    @Test func textWithNothingSpeakableThrowsEmptyText() async throws {
        let engine = try SharedPiperEngine.engine()
        for text in ["   ", "?!?"] {
            let error = await #expect(throws: SynthesisError.self) {
                for try await _ in engine.synthesize(SynthesisRequest(text: text, voiceID: SharedPiperEngine.voiceID)) {}
            }
            #expect(error?.code == .emptyText)
        }
    }

    @Test func missingModelsFailToLoadNamingThePath() throws {
        let definition = PiperVoiceDefinition(id: "ghost", model: URL(fileURLWithPath: "/nonexistent/ghost.onnx"))
        let error = try #require(throws: SynthesisError.self) {
            let settings = PiperEngineSettings()
            return try PiperEngine(voices: [definition], settings: settings, logger: Logger(label: "test"))
        }
        #expect(error.code == .modelLoadFailed)
        #expect(error.message.contains("/nonexistent/ghost.onnx"))
    }
}
