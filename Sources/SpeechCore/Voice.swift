/// A voice a client can ask for by id, as engines report it.
public struct Voice: Sendable, Hashable, Encodable, Identifiable {
    /// Unique across all engines; what `voice_id` names in requests.
    public let id: String
    /// The engine that speaks with this voice.
    public let engine: EngineID
    /// Human-readable engine name, e.g. `Piper (CPU)`.
    public let engineLabel: String
    /// BCP 47 language tag, e.g. `en-US`: the voice's own (a cloned voice's reference clip).
    public let language: String
    /// Every language the voice speaks well enough for chat, BCP 47 tags (a Piper voice: its one; F5: Chinese and
    /// English, the languages the model was trained on).
    public let languages: [String]
    /// Sample rate of the audio this voice produces.
    public let sampleRate: Int
    /// The transcript of the reference clip, for cloned voices.
    public let referenceText: String?
    /// Changes whenever what the voice conditions on changes (a cloned voice's new clip), so that audio made with an
    /// older reference is never taken for this voice's (the audio cache keys on the whole voice). In-process only.
    public let revision: Int

    /// Creates a voice description.
    public init(
        id: String,
        engine: EngineID,
        engineLabel: String,
        language: String,
        languages: [String]? = nil,
        sampleRate: Int,
        referenceText: String? = nil,
        revision: Int = 0
    ) {
        self.id = id
        self.engine = engine
        self.engineLabel = engineLabel
        self.language = language
        self.languages = languages ?? [language]
        self.sampleRate = sampleRate
        self.referenceText = referenceText
        self.revision = revision
    }

    /// Everything but ``revision``, which means nothing outside this process.
    enum CodingKeys: String, CodingKey {
        case id, engine, engineLabel, language, languages, sampleRate, referenceText
    }

    /// Whether the voice speaks `language`, a primary subtag such as `zh` (regions and scripts do not matter).
    public func speaks(_ language: String) -> Bool {
        languages.contains { primaryLanguage($0) == language }
    }
}

/// The primary language subtag of a BCP 47 tag or a Piper code, lowercased: `en-US`, `en_US` and `EN` are all `en`.
public func primaryLanguage(_ tag: String) -> String {
    String(tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? Substring(tag)).lowercased()
}
