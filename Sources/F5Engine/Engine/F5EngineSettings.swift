/// Everything ``F5Engine`` needs besides its voices: the worker pool, batching and the synthesis defaults.
public struct F5EngineSettings: Sendable, Equatable {
    /// The worker processes.
    public var pool: F5WorkerPoolSettings
    /// Flow-matching steps when a request names none (`default_nfe`).
    public var defaultNFEStep: Int
    /// Classifier-free guidance strength when a request names none (official default 2).
    public var defaultCFGStrength: Double
    /// Sway sampling coefficient when a request names none (official default -1).
    public var defaultSwaySamplingCoefficient: Double
    /// The loudness references are normalised to (official `target_rms`, 0.1).
    public var targetRMS: Double
    /// Seconds of cross-fade between chunks when a request names none (official 0.15).
    public var defaultCrossFadeDuration: Double
    /// How long a later chunk may wait for others to batch with (`batch_window_ms`).
    public var batchWindow: Duration
    /// Most items in one `synthesize` (`max_batch`).
    public var maxBatch: Int
    /// Largest first chunk of a streamed request, in UTF-8 bytes, so the first audio comes fast.
    public var firstChunkMaxBytes: Int

    /// Creates settings with the official defaults (but 7 steps, the fast EPSS schedule).
    public init(
        pool: F5WorkerPoolSettings,
        defaultNFEStep: Int = 7,
        defaultCFGStrength: Double = 2,
        defaultSwaySamplingCoefficient: Double = -1,
        targetRMS: Double = 0.1,
        defaultCrossFadeDuration: Double = 0.15,
        batchWindow: Duration = .milliseconds(5),
        maxBatch: Int = 16,
        firstChunkMaxBytes: Int = 48
    ) {
        self.pool = pool
        self.defaultNFEStep = defaultNFEStep
        self.defaultCFGStrength = defaultCFGStrength
        self.defaultSwaySamplingCoefficient = defaultSwaySamplingCoefficient
        self.targetRMS = targetRMS
        self.defaultCrossFadeDuration = defaultCrossFadeDuration
        self.batchWindow = batchWindow
        self.maxBatch = maxBatch
        self.firstChunkMaxBytes = firstChunkMaxBytes
    }
}
