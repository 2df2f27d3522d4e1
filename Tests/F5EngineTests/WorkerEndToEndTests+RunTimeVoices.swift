import F5Engine
import Foundation
import SpeechCore
import TestSupport
import Testing

extension WorkerEndToEndTests {
    /// Voices cloned while the engine runs: served at once, replaced on the workers when their clip changes, dropped
    /// on removal; configured voices cannot be taken over.
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
            #expect(
                added.voice
                    == Voice(id: "twin", engine: .f5, engineLabel: "F5-TTS", language: "en-US", sampleRate: 24_000, referenceText: twin.referenceText)
            )
            #expect(await engine.voices().map(\.id) == [F5TestFixture.voiceID, "twin"])
            let original = try await speak(F5TestFixture.voiceID)
            #expect(try await speak("twin") == original)

            // A new, shorter clip under the same id replaces the reference on the worker.
            let shorterURL = fixture.directory.appendingPathComponent("shorter.wav")
            try TestWAV.write(F5TestFixture.toneAndNoise(seconds: 2, sampleRate: 22_050), to: shorterURL)
            _ = try await engine.addVoice(ClonedVoiceDefinition(id: "twin", referenceAudio: shorterURL, referenceText: "Hello there."))
            #expect(try await speak("twin") != original)
            #expect(await engine.voices().map(\.id) == [F5TestFixture.voiceID, "twin"])

            await engine.removeVoice(id: "twin")
            #expect(await engine.voices().map(\.id) == [F5TestFixture.voiceID])
            await #expect(throws: SynthesisError.unknownVoice("twin")) { _ = try await speak("twin") }

            await #expect(throws: SynthesisError.self) {
                _ = try await engine.addVoice(ClonedVoiceDefinition(id: F5TestFixture.voiceID, referenceAudio: shorterURL, referenceText: "x"))
            }
            await engine.removeVoice(id: F5TestFixture.voiceID)  // configured: stays
            #expect(try await speak(F5TestFixture.voiceID) == original)
        }
    }
}
