public import SpeechCore
import Synchronization

/// Knows every voice of every engine and which engine speaks it: the configured voices, fixed at start, and voices
/// added while the server runs (cloned from an upload).
public final class VoiceCatalog: Sendable {
    /// The voice used when a request names none.
    public let defaultVoiceID: String
    /// Every engine, in configuration order (also those that have no voice yet).
    public let engines: [any TTSEngine]
    private let configuredIDs: Set<String>
    private let state: Mutex<State>

    private struct State {
        var voices: [Voice]
        var owners: [String: any TTSEngine]
    }

    /// Asks each engine for its voices; fails on duplicate ids or an unknown default voice. Voices in `installedIDs`
    /// (installed by name) count as run-time voices: they can be removed while the server runs.
    public static func build(
        engines: [any TTSEngine],
        defaultVoiceID: String,
        installedIDs: Set<String> = []
    ) async throws(VoiceCatalogError) -> VoiceCatalog {
        var voices: [Voice] = []
        var owners: [String: any TTSEngine] = [:]
        for engine in engines {
            for voice in await engine.voices() {
                guard owners[voice.id] == nil else { throw .duplicateVoice(voice.id) }
                owners[voice.id] = engine
                voices.append(voice)
            }
        }
        guard owners[defaultVoiceID] != nil else { throw .unknownDefaultVoice(defaultVoiceID, known: voices.map(\.id)) }
        return VoiceCatalog(defaultVoiceID: defaultVoiceID, engines: engines, voices: voices, owners: owners, installedIDs: installedIDs)
    }

    private init(defaultVoiceID: String, engines: [any TTSEngine], voices: [Voice], owners: [String: any TTSEngine], installedIDs: Set<String>) {
        self.defaultVoiceID = defaultVoiceID
        self.engines = engines
        self.configuredIDs = Set(voices.map(\.id)).subtracting(installedIDs)
        self.state = Mutex(State(voices: voices, owners: owners))
    }

    /// All voices: the configured ones in engine order, then those added at run time.
    public var voices: [Voice] { state.withLock { $0.voices } }

    /// The voice called `id` (the default voice for `nil`) and its engine.
    public func require(_ id: String?) throws(SynthesisError) -> (voice: Voice, engine: any TTSEngine) {
        let id = id ?? defaultVoiceID
        let found = state.withLock { state -> (Voice, any TTSEngine)? in
            guard let engine = state.owners[id], let voice = state.voices.first(where: { $0.id == id }) else { return nil }
            return (voice, engine)
        }
        guard let found else { throw .unknownVoice(id) }
        return found
    }

    /// Whether `id` is a voice from the configuration (which the API cannot replace or delete).
    public func isConfigured(_ id: String) -> Bool { configuredIDs.contains(id) }

    /// Adds or replaces run-time voice `voice`, spoken by `engine`; a configured id cannot be taken.
    public func add(_ voice: Voice, engine: any TTSEngine) throws(SynthesisError) {
        guard !configuredIDs.contains(voice.id) else {
            throw SynthesisError(.invalidOption, "voice '\(voice.id)' comes from the configuration", field: "id")
        }
        state.withLock { state in
            state.voices.removeAll { $0.id == voice.id }
            state.voices.append(voice)
            state.owners[voice.id] = engine
        }
    }

    /// Replaces what the catalog says about an existing voice (a new reference transcript), keeping its engine.
    public func update(_ voice: Voice) {
        state.withLock { state in
            guard let index = state.voices.firstIndex(where: { $0.id == voice.id }) else { return }
            state.voices[index] = voice
        }
    }

    /// Removes run-time voice `id`; configured voices stay.
    public func remove(_ id: String) {
        guard !configuredIDs.contains(id) else { return }
        state.withLock { state in
            state.voices.removeAll { $0.id == id }
            state.owners[id] = nil
        }
    }

    /// The engine that clones voices for `engine`, if it can.
    public func cloningEngine(_ engine: EngineID) -> (any VoiceCloningEngine)? {
        engines.first { $0.id == engine } as? any VoiceCloningEngine
    }

    /// Every engine (one with no voice yet too: voices can be cloned onto it).
    public var allEngines: [any TTSEngine] { engines }
}

/// Why the configured voices don't add up.
public struct VoiceCatalogError: Error, Sendable, CustomStringConvertible {
    /// A sentence naming the offending key or voice.
    public let description: String

    static func duplicateVoice(_ id: String) -> Self { Self(description: "voice id '\(id)' is defined more than once") }
    static func unknownDefaultVoice(_ id: String, known: [String]) -> Self {
        Self(description: "default_voice: '\(id)' is not a configured voice (known: \(known.joined(separator: ", ")))")
    }
}
