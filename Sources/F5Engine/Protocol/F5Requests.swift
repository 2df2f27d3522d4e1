/// `hello`: asks the worker for its versions and device; answered by ``F5ReadyReply``.
public struct F5HelloRequest: F5Message, Equatable {
    public static let kind = "hello"
    public var id: Int
    /// The protocol version the supervisor speaks.
    public var `protocol`: Int = F5ProtocolLimits.version

    /// Creates a `hello`.
    public init(id: Int) { self.id = id }
}

/// `load`: loads the model described by ``F5ModelSpec``; answered by ``F5ReadyReply`` with `model`.
public struct F5LoadRequest: F5Message, Equatable {
    public static let kind = "load"
    public var id: Int
    /// What to load.
    public var model: F5ModelSpec

    /// Creates a `load`.
    public init(id: Int, model: F5ModelSpec) {
        self.id = id
        self.model = model
    }
}

/// `prepare_voice`: caches a reference clip (the payload: mono, 24 kHz, RMS-normalised) under `voice_id`.
public struct F5PrepareVoiceRequest: F5Message, Equatable {
    public static let kind = "prepare_voice"
    public var id: Int
    /// The voice's id, as later items name it.
    public var voiceID: String
    /// Always 24000.
    public var sampleRate: Int = F5ProtocolLimits.sampleRate
    /// Item durations (frames, reference included) this voice will likely be asked for; the worker gets their CUDA
    /// graphs ready before it answers, so the first chat lines do not wait for captures. Empty: nothing to warm.
    public var warmDurations: [Int]

    /// Creates a `prepare_voice`; the audio goes in the frame's payload.
    public init(id: Int, voiceID: String, warmDurations: [Int] = []) {
        self.id = id
        self.voiceID = voiceID
        self.warmDurations = warmDurations
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case voiceID = "voice_id"
        case sampleRate = "sample_rate"
        case warmDurations = "warm_durations"
    }
}

/// `warm`: the warm-up `prepare_voice` skipped, for some of a prepared voice's likely durations (one step of a standby's
/// warm-up, sent when the engine is quiet); answered by ``F5ReadyReply`` with `graphs_captured`.
public struct F5WarmRequest: F5Message, Equatable {
    public static let kind = "warm"
    public var id: Int
    /// A voice the worker has prepared.
    public var voiceID: String
    /// Item durations (frames, reference included) to get CUDA graphs ready for.
    public var durations: [Int]

    /// Creates a `warm`.
    public init(id: Int, voiceID: String, durations: [Int]) {
        self.id = id
        self.voiceID = voiceID
        self.durations = durations
    }

    private enum CodingKeys: String, CodingKey {
        case id, durations
        case voiceID = "voice_id"
    }
}

/// `synthesize`: a batch of items; answered by one ``F5AudioReply`` (or item ``F5ErrorReply``) per item, then ``F5DoneReply``.
public struct F5SynthesizeRequest: F5Message, Equatable {
    public static let kind = "synthesize"
    public var id: Int
    /// The items of the batch.
    public var items: [F5SynthesisItem]

    /// Creates a `synthesize`.
    public init(id: Int, items: [F5SynthesisItem]) {
        self.id = id
        self.items = items
    }
}

/// `cancel`: drops the not-yet-started items of the `synthesize` whose id is `target`; answered by `done`.
public struct F5CancelRequest: F5Message, Equatable {
    public static let kind = "cancel"
    public var id: Int
    /// The `id` of the `synthesize` to cancel.
    public var target: Int

    /// Creates a `cancel`.
    public init(id: Int, target: Int) {
        self.id = id
        self.target = target
    }
}

/// `stats`: asks for the worker's counters; answered by ``F5StatsReply``.
public struct F5StatsRequest: F5Message, Equatable {
    public static let kind = "stats"
    public var id: Int

    /// Creates a `stats`.
    public init(id: Int) { self.id = id }
}

/// `shutdown`: asks the worker to exit with status 0 after answering `done`.
public struct F5ShutdownRequest: F5Message, Equatable {
    public static let kind = "shutdown"
    public var id: Int

    /// Creates a `shutdown`.
    public init(id: Int) { self.id = id }
}
