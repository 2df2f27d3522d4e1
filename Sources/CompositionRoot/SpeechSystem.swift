import Foundation
public import Logging
public import Models
import PiperEngine
public import Settings
public import Speech
public import SpeechCore

/// The engines a configuration names and the speech service over them: what `serve`, `say`, `bench` and the tests run.
public struct SpeechSystem: Sendable {
    /// The loaded engines, Piper first.
    public let engines: [any TTSEngine]
    /// The service every caller synthesizes through.
    public let speech: SpeechService
    /// Installing and removing models by name while it runs.
    public let models: ModelService

    /// Waits until every engine can serve (F5 workers take seconds to start); throws when one never will.
    public func waitUntilReady() async throws {
        for engine in engines { try await engine.waitUntilReady() }
    }
}

/// Why the speech system could not be built; the CLI prints it and exits with status 2.
public struct SpeechSystemError: Error, Sendable, CustomStringConvertible {
    /// One line for a person, starting with what failed.
    public let description: String
}

/// Loads the engines the configuration enables, with the models installed by name, and builds the speech service over
/// them.
///
/// Throws ``SpeechSystemError`` when a voice cannot be loaded or the voices do not add up (duplicate ids, an unknown
/// default voice).
public func buildSpeechSystem(
    configuration fileConfiguration: ServerConfiguration,
    logger: Logger,
    hooks: SpeechSystemHooks = SpeechSystemHooks()
) async throws(SpeechSystemError) -> SpeechSystem {
    let installer = ModelInstaller(sources: fileConfiguration.modelSources())
    let configuration = fileConfiguration.addingInstalledModels(installer.installed())
    let engines: [any TTSEngine]
    do {
        engines = try await buildEngines(configuration: configuration, logger: logger, hooks: hooks)
    } catch {
        throw SpeechSystemError(description: "cannot load voices: \(error.message)")
    }
    let catalog: VoiceCatalog
    do {
        catalog = try await VoiceCatalog.build(
            engines: engines,
            defaultVoiceID: configuration.defaultVoice,
            installedIDs: Set(configuration.piper.voices.filter(\.installed).map(\.id))
        )
    } catch {
        throw SpeechSystemError(description: "invalid configuration: \(error)")
    }
    let speech = SpeechService(
        catalog: catalog,
        maxTextCharacters: configuration.api.maxTextCharacters,
        admission: configuration.engineAdmission(cores: ProcessInfo.processInfo.activeProcessorCount),
        occupancyObserver: hooks.occupancy,
        metrics: SpeechMetrics(factory: hooks.metrics),
        cache: AudioCache(budgetBytes: configuration.api.audioCacheMegabytes * 1_048_576, metrics: hooks.metrics)
    )
    guard let piper = engines.lazy.compactMap({ $0 as? PiperEngine }).first else {
        throw SpeechSystemError(description: "the Piper engine is missing")
    }
    // Weights the F5 workers loaded from the models folder must stay while they run.
    let modelsFolder = installer.sources.directory.path
    let f5UsesInstalledWeights =
        configuration.f5.enabled && [configuration.f5.checkpoint, configuration.f5.vocoder].contains { $0?.hasPrefix(modelsFolder) == true }
    let loader = PiperModelLoader(engine: piper, catalog: catalog, f5UsesInstalledWeights: f5UsesInstalledWeights)
    return SpeechSystem(engines: engines, speech: speech, models: ModelService(installer: installer, loader: loader))
}
