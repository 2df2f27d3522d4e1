public import SpeechCore

/// Knows every voice of every engine and which engine speaks it.
public struct VoiceCatalog: Sendable {
    /// The voice used when a request names none.
    public let defaultVoiceID: String
    /// All voices, in engine order then each engine's order.
    public let voices: [Voice]
    private let engines: [String: any TTSEngine]
    private let voicesByID: [String: Voice]

    /// Asks each engine for its voices; fails on duplicate ids or an unknown default voice.
    public static func build(engines: [any TTSEngine], defaultVoiceID: String) async throws(VoiceCatalogError) -> VoiceCatalog {
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
        return VoiceCatalog(defaultVoiceID: defaultVoiceID, voices: voices, engines: owners)
    }

    private init(defaultVoiceID: String, voices: [Voice], engines: [String: any TTSEngine]) {
        self.defaultVoiceID = defaultVoiceID
        self.voices = voices
        self.engines = engines
        self.voicesByID = Dictionary(uniqueKeysWithValues: voices.map { ($0.id, $0) })
    }

    /// The voice called `id` (the default voice for `nil`) and its engine.
    public func require(_ id: String?) throws(SynthesisError) -> (voice: Voice, engine: any TTSEngine) {
        let id = id ?? defaultVoiceID
        guard let voice = voicesByID[id], let engine = engines[id] else { throw .unknownVoice(id) }
        return (voice, engine)
    }

    /// The distinct engines behind the catalog's voices.
    public var allEngines: [any TTSEngine] {
        var seen: Set<EngineID> = []
        return voices.compactMap { voice in seen.insert(voice.engine).inserted ? engines[voice.id] : nil }
    }
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
