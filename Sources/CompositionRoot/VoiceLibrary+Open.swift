import Foundation
public import Logging
public import Settings
public import Speech
public import Storage

extension VoiceLibrary {
    /// The library in the configured data directory over `speech`'s catalog, its stored voices given back to their
    /// engines (the engines must exist: call this inside ``withSpeechSystem``).
    public static func open(configuration: ServerConfiguration, speech: SpeechService, store: ChatStore, logger: Logger) async -> VoiceLibrary {
        let library = VoiceLibrary(
            catalog: speech.catalog,
            store: store,
            directory: URL(fileURLWithPath: configuration.voicesDirectory, isDirectory: true),
            overridesDirectory: URL(fileURLWithPath: configuration.voiceOverridesDirectory, isDirectory: true),
            configuredReferences: configuration.f5.enabled ? configuration.f5.voiceDefinitions() : [],
            transcriber: WhisperScriptTranscriber.make(configuration.transcriber),
            logger: logger
        )
        await library.restore()
        return library
    }
}
