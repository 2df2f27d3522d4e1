/// The `model` object of a `load` request: which weights, where, in which precision.
public struct F5ModelSpec: Codable, Sendable, Equatable {
    /// `checkpoint` (real weights) or `random-init` (tests and benchmarks).
    public var mode: String
    /// `F5TTS_v1_Base` or `tiny` (random-init only).
    public var config: String
    /// The `.safetensors`/`.pt` checkpoint (checkpoint mode).
    public var checkpoint: String?
    /// The `vocab.txt` (checkpoint mode).
    public var vocab: String?
    /// A Vocos folder (`config.yaml` + `pytorch_model.bin`); `nil` means a random-init Vocos.
    public var vocoder: String?
    /// `cuda:N` or `cpu`.
    public var device: String
    /// `fp16`, `bf16` or `fp32` (the DiT's precision).
    public var dtype: String
    /// Whether to capture CUDA graphs per length bucket.
    public var cudaGraphs: Bool
    /// Most items the worker runs in one forward (`max_batch`, 1...64); it splits larger `synthesize` requests by length.
    public var maxBatch: Int
    /// Whether to `torch.compile` the model.
    public var compile: Bool
    /// Seed for random-init weights.
    public var seed: Int

    /// Creates a model description.
    public init(
        mode: String,
        config: String,
        checkpoint: String? = nil,
        vocab: String? = nil,
        vocoder: String? = nil,
        device: String,
        dtype: String,
        cudaGraphs: Bool,
        maxBatch: Int = 16,
        compile: Bool = false,
        seed: Int = 0
    ) {
        self.mode = mode
        self.config = config
        self.checkpoint = checkpoint
        self.vocab = vocab
        self.vocoder = vocoder
        self.device = device
        self.dtype = dtype
        self.cudaGraphs = cudaGraphs
        self.maxBatch = maxBatch
        self.compile = compile
        self.seed = seed
    }

    private enum CodingKeys: String, CodingKey {
        case mode, config, checkpoint, vocab, vocoder, device, dtype, compile, seed
        case cudaGraphs = "cuda_graphs"
        case maxBatch = "max_batch"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mode, forKey: .mode)
        try container.encode(config, forKey: .config)
        try container.encodeIfPresent(checkpoint, forKey: .checkpoint)
        try container.encodeIfPresent(vocab, forKey: .vocab)
        // `vocoder: null` is meaningful (random-init Vocos), so it is always written.
        try container.encode(vocoder, forKey: .vocoder)
        try container.encode(device, forKey: .device)
        try container.encode(dtype, forKey: .dtype)
        try container.encode(cudaGraphs, forKey: .cudaGraphs)
        try container.encode(maxBatch, forKey: .maxBatch)
        try container.encode(compile, forKey: .compile)
        try container.encode(seed, forKey: .seed)
    }
}
