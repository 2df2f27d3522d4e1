/// What to say, with which voice, and how.
public struct SynthesisRequest: Sendable, Equatable {
    /// The text to speak; already checked to be non-empty and within limits.
    public var text: String
    /// The voice to speak with.
    public var voiceID: String
    /// Knobs; engines ignore those they lack.
    public var options: SynthesisOptions
    /// How the caller takes the audio, which decides what an engine optimises.
    public var delivery: Delivery

    /// Creates a request.
    public init(text: String, voiceID: String, options: SynthesisOptions = SynthesisOptions(), delivery: Delivery = .streamed) {
        self.text = text
        self.voiceID = voiceID
        self.options = options
        self.delivery = delivery
    }

    /// How the caller takes the audio.
    public enum Delivery: Sendable, Equatable {
        /// Chunk by chunk as it is made: the first audio should come as soon as possible (a short first piece).
        case streamed
        /// All at once: only the total time counts, so the text is rendered in as few, full-size pieces as allowed.
        case whole
    }
}

/// Per-request knobs. `nil` means "the voice's or engine's default".
public struct SynthesisOptions: Sendable, Hashable {
    /// Speaking rate: 1 is normal, 2 twice as fast. Allowed range: ``speedRange``.
    public var speed: Double?
    /// Seed for engines that sample noise, so a request can be reproduced.
    public var seed: UInt64?
    /// Flow-matching steps (F5).
    public var nfeStep: Int?
    /// Classifier-free guidance strength (F5).
    public var cfgStrength: Double?
    /// Sway sampling coefficient (F5).
    public var swaySamplingCoefficient: Double?
    /// Loudness the reference is normalised to (F5).
    public var targetRMS: Double?
    /// Seconds of cross-fade between chunks (F5).
    public var crossFadeDuration: Double?
    /// Fixed total duration in seconds (F5).
    public var fixDuration: Double?
    /// Whether to cut long silences from the output (F5).
    public var removeSilence: Bool?

    /// The speeds every engine accepts.
    public static let speedRange: ClosedRange<Double> = 0.25...4.0

    /// Creates options; every knob defaults to the engine's choice.
    public init(
        speed: Double? = nil,
        seed: UInt64? = nil,
        nfeStep: Int? = nil,
        cfgStrength: Double? = nil,
        swaySamplingCoefficient: Double? = nil,
        targetRMS: Double? = nil,
        crossFadeDuration: Double? = nil,
        fixDuration: Double? = nil,
        removeSilence: Bool? = nil
    ) {
        self.speed = speed
        self.seed = seed
        self.nfeStep = nfeStep
        self.cfgStrength = cfgStrength
        self.swaySamplingCoefficient = swaySamplingCoefficient
        self.targetRMS = targetRMS
        self.crossFadeDuration = crossFadeDuration
        self.fixDuration = fixDuration
        self.removeSilence = removeSilence
    }
}
