/// One chunk to synthesise inside a `synthesize` batch.
public struct F5SynthesisItem: Codable, Sendable, Equatable {
    /// Unique within the request; echoed in the item's `audio` or `error`.
    public var itemID: String
    /// A voice sent with `prepare_voice`.
    public var voiceID: String
    /// The official `ref_text + gen_text`.
    public var text: String
    /// Total frames of 256 samples, reference included (docs/WORKER_PROTOCOL.md, "Units").
    public var duration: Int
    /// Flow-matching steps.
    public var nfeStep: Int
    /// Classifier-free guidance strength.
    public var cfgStrength: Double
    /// Sway sampling coefficient.
    public var swaySamplingCoef: Double
    /// `torch.manual_seed(seed)` before the initial noise.
    public var seed: UInt64

    /// Creates an item.
    public init(
        itemID: String,
        voiceID: String,
        text: String,
        duration: Int,
        nfeStep: Int,
        cfgStrength: Double,
        swaySamplingCoef: Double,
        seed: UInt64
    ) {
        self.itemID = itemID
        self.voiceID = voiceID
        self.text = text
        self.duration = duration
        self.nfeStep = nfeStep
        self.cfgStrength = cfgStrength
        self.swaySamplingCoef = swaySamplingCoef
        self.seed = seed
    }

    private enum CodingKeys: String, CodingKey {
        case text, duration, seed
        case itemID = "item_id"
        case voiceID = "voice_id"
        case nfeStep = "nfe_step"
        case cfgStrength = "cfg_strength"
        case swaySamplingCoef = "sway_sampling_coef"
    }
}
