public import F5Engine
import Foundation
public import Logging
public import SpeechCore

extension F5Settings {
    /// The engine settings these configuration values describe.
    public func engineSettings() -> F5EngineSettings {
        let model = F5ModelSpec(
            mode: mode.rawValue,
            config: modelConfig.rawValue,
            checkpoint: checkpoint,
            vocab: vocab,
            vocoder: vocoder,
            device: devices.first ?? "cpu",
            dtype: dtype.rawValue,
            cudaGraphs: cudaGraphs
        )
        let pool = F5WorkerPoolSettings(
            command: F5WorkerCommand(python: URL(fileURLWithPath: python), workerPath: URL(fileURLWithPath: workerPath)),
            model: model,
            devices: devices,
            workersPerDevice: workersPerDevice,
            requestTimeout: .seconds(requestTimeoutSeconds)
        )
        return F5EngineSettings(
            pool: pool,
            defaultNFEStep: defaultNFE,
            batchWindow: .milliseconds(batchWindowMilliseconds),
            maxBatch: maxBatch
        )
    }

    /// The engine's voice definitions.
    public func voiceDefinitions() -> [F5VoiceDefinition] {
        voices.map { entry in
            F5VoiceDefinition(
                id: entry.id,
                referenceAudio: URL(fileURLWithPath: entry.referenceAudio),
                referenceText: entry.referenceText,
                language: entry.language
            )
        }
    }
}

/// Loads the F5 engine (its reference clips; the workers start when the app runs it as a service).
public func buildF5Engine(settings: F5Settings, logger: Logger) async throws(SynthesisError) -> F5Engine {
    var engineLogger = logger
    engineLogger[metadataKey: "engine"] = "f5"
    return try await F5Engine.load(voices: settings.voiceDefinitions(), settings: settings.engineSettings(), logger: engineLogger)
}
