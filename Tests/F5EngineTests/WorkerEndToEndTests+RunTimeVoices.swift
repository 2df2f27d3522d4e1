import F5Engine
import Foundation
import SpeechCore
import TestSupport
import Testing

extension WorkerEndToEndTests {
    /// Voices cloned while the engine runs: served at once, replaced on the workers when their clip changes, dropped
    /// on removal; a configured voice can take a new reference but is never removed.
    @Test(.timeLimit(.minutes(10))) func voicesAddedAtRunTimeAreServedReplacedAndRemoved() async throws {
        let fixture = try F5TestFixture()
        let engine = try await fixture.makeEngine()
        let seeded = SynthesisOptions(seed: 7)
        func speak(_ voice: String) async throws -> PCMBuffer {
            try await PCMBuffer(collecting: engine.synthesize(SynthesisRequest(text: "Same words, same seed.", voiceID: voice, options: seeded)))
        }
        try await withRunning(engine) {
            // The configured clip under a new id speaks exactly like the configured voice.
            let twin = ClonedVoiceDefinition(id: "twin", referenceAudio: fixture.referenceURL, referenceText: F5TestFixture.referenceText)
            let added = try await engine.addVoice(twin)
            #expect(added.preparedClip.sampleRate == 24_000 && added.preparedClip.duration > 2.5)
            let configured = try #require(await engine.voices().first)
            #expect(added.voice.id == "twin" && added.voice.engine == .f5 && added.voice.language == "en-US")
            #expect(added.voice.sampleRate == 24_000 && added.voice.referenceText == twin.referenceText)
            #expect(added.voice.revision == configured.revision)  // the same clip, prepared alike
            #expect(await engine.voices().map(\.id) == [F5TestFixture.voiceID, "twin"])
            let original = try await speak(F5TestFixture.voiceID)
            #expect(try await speak("twin") == original)

            // A new, shorter clip under the same id replaces the reference on the worker.
            let shorterURL = fixture.directory.appendingPathComponent("shorter.wav")
            try TestWAV.write(F5TestFixture.toneAndNoise(seconds: 2, sampleRate: 22_050), to: shorterURL)
            let replaced = try await engine.addVoice(ClonedVoiceDefinition(id: "twin", referenceAudio: shorterURL, referenceText: "Hello there."))
            #expect(replaced.voice.revision != added.voice.revision)  // so no cached audio of the old reference is reused
            #expect(try await speak("twin") != original)
            #expect(await engine.voices().map(\.id) == [F5TestFixture.voiceID, "twin"])

            await engine.removeVoice(id: "twin")
            #expect(await engine.voices().map(\.id) == [F5TestFixture.voiceID])
            await #expect(throws: SynthesisError.unknownVoice("twin")) { _ = try await speak("twin") }

            await engine.removeVoice(id: F5TestFixture.voiceID)  // configured: stays
            #expect(try await speak(F5TestFixture.voiceID) == original)
            // A configured voice takes a new reference (an override), and its old one back.
            _ = try await engine.addVoice(ClonedVoiceDefinition(id: F5TestFixture.voiceID, referenceAudio: shorterURL, referenceText: "Hello there."))
            #expect(try await speak(F5TestFixture.voiceID) != original)
            _ = try await engine.addVoice(fixture.voice)
            #expect(try await speak(F5TestFixture.voiceID) == original)
        }
    }
}
