import Foundation
import Logging
import PiperEngine
import SpeechCore
import TestSupport

/// One engine per test process: loading a model costs about a second, so tests share it.
enum SharedPiperEngine {
    /// The default voice's id in the shared engine.
    static let voiceID = "en_US-joe-medium"

    /// A cache that survives between test runs, so the model is prepared once per machine.

    static let definition = PiperVoiceDefinition(id: voiceID, model: ProjectPaths.defaultPiperModel)

    private static let loaded: Result<PiperEngine, SynthesisError> = Result { () throws(SynthesisError) in
        try PiperEngine(voices: [definition], settings: PiperEngineSettings(), logger: Logger(label: "piper-tests"))
    }

    /// The shared engine, or the error loading it gave.
    static func engine() throws -> PiperEngine { try loaded.get() }
}
