import Foundation
import Logging
import PiperEngine
import SpeechCore
import TestSupport

/// The real Piper engine with the default voice as `joe`, loaded once per test process.
enum SharedEngines {
    private static let loaded: Result<PiperEngine, SynthesisError> = Result { () throws(SynthesisError) in
        try PiperEngine(
            voices: [PiperVoiceDefinition(id: "joe", model: ProjectPaths.defaultPiperModel)],
            settings: PiperEngineSettings(
                cacheDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("ishowtts-tests-piper-cache")
            ),
            logger: Logger(label: "api-tests")
        )
    }

    static func piper() async throws -> PiperEngine { try loaded.get() }
}
