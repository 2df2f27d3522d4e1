public import Logging
import Foundation
import PiperEngine
public import SpeechCore

/// Creates the engines the configuration asks for, loading their voices.
///
/// Throws a ``SynthesisError`` (`model_load_failed`) naming the file when a voice cannot be loaded.
public func buildEngines(configuration: ServerConfiguration, logger: Logger) async throws -> [any TTSEngine] {
    let piper = configuration.piper
    let settings = PiperEngineSettings(
        cacheDirectory: URL(fileURLWithPath: piper.cacheDirectory),
        threads: piper.numThreads,
        noiseScale: piper.noiseScale,
        noiseW: piper.noiseW,
        lengthScale: piper.lengthScale
    )
    let voices = piper.voices.map { entry in
        PiperVoiceDefinition(
            id: entry.id,
            model: URL(fileURLWithPath: entry.model),
            config: URL(fileURLWithPath: entry.configPath),
            speakerID: entry.speaker
        )
    }
    var engineLogger = logger
    engineLogger[metadataKey: "engine"] = "piper"
    return [try PiperEngine(voices: voices, settings: settings, logger: engineLogger)]
}
