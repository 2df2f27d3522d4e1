public import F5Engine
import Foundation
public import Settings
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
            cudaGraphs: cudaGraphs,
            maxBatch: maxBatch
        )
        let pool = F5WorkerPoolSettings(
            command: F5WorkerCommand(python: URL(fileURLWithPath: python), workerPath: URL(fileURLWithPath: workerPath)),
            model: model,
            devices: devices,
            workersPerDevice: workersPerDevice,
            standby: standbyPolicy,
            requestTimeout: .seconds(requestTimeoutSeconds)
        )
        return F5EngineSettings(
            pool: pool,
            defaultNFEStep: defaultNFE,
            batchWindow: .milliseconds(batchWindowMilliseconds),
            maxBatch: maxBatch
        )
    }

    /// The engine's standby policy.
    var standbyPolicy: F5StandbyPolicy {
        switch standby {
        case .off: .off
        case .on: .on
        case .auto: .auto
        }
    }

    /// The engine's voice definitions.
    public func voiceDefinitions() -> [ClonedVoiceDefinition] {
        voices.map { entry in
            ClonedVoiceDefinition(
                id: entry.id,
                referenceAudio: URL(fileURLWithPath: entry.referenceAudio),
                referenceText: entry.referenceText,
                language: entry.language,
                languages: entry.languages
            )
        }
    }
}
