import F5Engine
import PiperEngine
import SpeechCore
import TestSupport
import Testing

@testable import Speech

/// Run-time voices join and leave the catalog; configured voices stay put.
@Suite struct VoiceCatalogTests {
    @Test func runTimeVoicesJoinAndLeaveButConfiguredOnesStay() async throws {
        let piper = try await PiperEngine.load(
            voices: [PiperVoiceDefinition(id: "joe", model: ProjectPaths.defaultPiperModel)],
            settings: PiperEngineSettings(),
            logger: F5TestFixture.logger
        )
        let f5 = try await F5TestFixture().makeEngine()  // not running: only its voice list and cloning ability matter
        let catalog = try await VoiceCatalog.build(engines: [piper, f5], defaultVoiceID: "joe")
        #expect(catalog.voices.map(\.id) == ["joe", F5TestFixture.voiceID])
        #expect(catalog.cloningEngine(.f5) != nil && catalog.cloningEngine(.piper) == nil)

        let clone = Voice(id: "clone", engine: .f5, engineLabel: "F5-TTS", language: "zh-CN", sampleRate: 24_000, referenceText: "你好")
        try catalog.add(clone, engine: f5)
        #expect(catalog.voices.map(\.id) == ["joe", F5TestFixture.voiceID, "clone"])
        #expect(try catalog.require("clone").voice == clone)
        #expect(try catalog.require("clone").engine.id == .f5)

        #expect(throws: SynthesisError.self) {
            try catalog.add(Voice(id: "joe", engine: .f5, engineLabel: "F5-TTS", language: "en-US", sampleRate: 24_000), engine: f5)
        }
        #expect(catalog.isConfigured("joe") && !catalog.isConfigured("clone"))
        catalog.remove("joe")
        catalog.remove("clone")
        #expect(catalog.voices.map(\.id) == ["joe", F5TestFixture.voiceID])
        #expect(throws: SynthesisError.unknownVoice("clone")) { try catalog.require("clone") }
        #expect(catalog.allEngines.map(\.id) == [.piper, .f5])
    }
}
