public import F5Engine
import Foundation
public import Logging
public import PiperEngine
public import Settings
public import SpeechCore

/// Loads the Piper engine with the configured voices (about a second per voice); throws ``SynthesisError``
/// `.modelLoadFailed` naming the file at fault.
public func buildPiperEngine(
    settings: PiperSettings,
    logger: Logger,
    observer: PiperEngineObserver? = nil
) async throws(SynthesisError)
    -> PiperEngine
{
    var engineLogger = logger
    engineLogger[metadataKey: "engine"] = "piper"
    return try await PiperEngine.load(
        voices: settings.voiceDefinitions(),
        settings: settings.engineSettings(),
        logger: engineLogger,
        observer: observer
    )
}

/// Loads the F5 engine: decodes and prepares every reference clip (the workers start when the engine runs).
public func buildF5Engine(settings: F5Settings, logger: Logger, observer: F5EngineObserver? = nil) async throws(SynthesisError) -> F5Engine {
    var engineLogger = logger
    engineLogger[metadataKey: "engine"] = "f5"
    return try await F5Engine.load(
        voices: settings.voiceDefinitions(),
        settings: settings.engineSettings(),
        logger: engineLogger,
        observer: observer
    )
}

/// Loads every engine the configuration enables, Piper first.
public func buildEngines(
    configuration: ServerConfiguration,
    logger: Logger,
    hooks: SpeechSystemHooks = SpeechSystemHooks()
)
    async throws(SynthesisError) -> [any TTSEngine]
{
    var engines: [any TTSEngine] = [try await buildPiperEngine(settings: configuration.piper, logger: logger, observer: hooks.piperEvents)]
    if configuration.f5.enabled {
        engines.append(try await buildF5Engine(settings: configuration.f5, logger: logger, observer: hooks.f5ObserverRecordingMetrics))
    }
    return engines
}
