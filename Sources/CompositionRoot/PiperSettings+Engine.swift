import Foundation
public import PiperEngine
public import Settings

extension PiperSettings {
    /// The engine settings these configuration values describe.
    public func engineSettings() -> PiperEngineSettings {
        PiperEngineSettings(
            threads: numThreads,
            noiseScale: noiseScale,
            noiseW: noiseW,
            lengthScale: lengthScale,
            splitFirstClause: splitFirstClause
        )
    }

    /// The engine's voice definitions.
    public func voiceDefinitions() -> [PiperVoiceDefinition] {
        voices.map { entry in
            PiperVoiceDefinition(
                id: entry.id,
                model: URL(fileURLWithPath: entry.model),
                config: URL(fileURLWithPath: entry.configPath),
                speakerID: entry.speaker
            )
        }
    }
}
