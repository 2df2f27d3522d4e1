public import Logging
import Foundation
import PiperEngine
public import SpeechCore

/// Creates the engines the configuration asks for, loading their voices.
///
/// Engines that are also a `Service` (F5, which supervises worker processes) must run with the app;
/// ``buildApplication(configuration:engines:logger:)`` adds them as services.
///
/// Throws a ``SynthesisError`` (`model_load_failed`) naming the file when a voice cannot be loaded.
public func buildEngines(configuration: ServerConfiguration, logger: Logger) async throws -> [any TTSEngine] {
    let piper = configuration.piper
    let settings = PiperEngineSettings(
        cacheDirectory: URL(fileURLWithPath: piper.cacheDirectory),
        threads: piper.numThreads,
        noiseScale: piper.noiseScale,
        noiseW: piper.noiseW,
        lengthScale: piper.lengthScale,
        splitFirstClause: piper.splitFirstClause
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
    var engines: [any TTSEngine] = [try await PiperEngine.load(voices: voices, settings: settings, logger: engineLogger)]
    if configuration.f5.enabled {
        engines.append(try await buildF5Engine(settings: configuration.f5, logger: logger))
    }
    return engines
}
