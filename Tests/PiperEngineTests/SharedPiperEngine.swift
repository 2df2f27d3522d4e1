import Foundation
import Logging
import PiperEngine
import SpeechCore
import TestSupport

/// One engine per test process: loading a model costs about a second, so tests share it.
enum SharedPiperEngine {
    /// The default voice's id in the shared engine.
    static let voiceID = "en_US-joe-medium"

    /// The default voice as the tests load it.
    static let definition = PiperVoiceDefinition(id: voiceID, model: ProjectPaths.defaultPiperModel)

    private static let loaded: Result<PiperEngine, SynthesisError> = Result { () throws(SynthesisError) in
        try PiperEngine(voices: [definition], settings: PiperEngineSettings(), logger: Logger(label: "piper-tests"))
    }

    /// The shared engine, or the error loading it gave.
    static func engine() throws -> PiperEngine { try loaded.get() }
}
