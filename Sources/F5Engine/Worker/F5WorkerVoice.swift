/// A voice every worker caches with `prepare_voice`: its id and its prepared reference audio (24 kHz, normalised).
public struct F5WorkerVoice: Sendable, Equatable {
    /// The id items name.
    public let id: String
    /// The reference samples sent as the payload.
    public let samples: [Float]
    /// Item durations to warm up when a worker prepares the voice (see ``F5PrepareVoiceRequest/warmDurations``).
    public let warmDurations: [Int]

    /// Creates a voice.
    public init(id: String, samples: [Float], warmDurations: [Int] = []) {
        self.id = id
        self.samples = samples
        self.warmDurations = warmDurations
    }
}
