/// A voice a client can ask for by id, as engines report it.
public struct Voice: Sendable, Hashable, Encodable, Identifiable {
    /// Unique across all engines; what `voice_id` names in requests.
    public let id: String
    /// The engine that speaks with this voice.
    public let engine: EngineID
    /// Human-readable engine name, e.g. `Piper (CPU)`.
    public let engineLabel: String
    /// BCP 47 language tag, e.g. `en-US`.
    public let language: String
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
        sampleRate: Int,
        referenceText: String? = nil,
        revision: Int = 0
    ) {
        self.id = id
        self.engine = engine
        self.engineLabel = engineLabel
        self.language = language
        self.sampleRate = sampleRate
        self.referenceText = referenceText
        self.revision = revision
    }

    /// Everything but ``revision``, which means nothing outside this process.
    enum CodingKeys: String, CodingKey {
        case id, engine, engineLabel, language, sampleRate, referenceText
    }
}
