/// A voice a client can ask for by id, as engines report it.
public struct Voice: Sendable, Hashable, Codable, Identifiable {
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

    /// Creates a voice description.
    public init(id: String, engine: EngineID, engineLabel: String, language: String, sampleRate: Int, referenceText: String? = nil) {
        self.id = id
        self.engine = engine
        self.engineLabel = engineLabel
        self.language = language
        self.sampleRate = sampleRate
        self.referenceText = referenceText
    }
}
