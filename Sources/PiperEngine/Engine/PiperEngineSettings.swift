import Foundation

/// How the Piper engine runs its voices.
public struct PiperEngineSettings: Sendable, Equatable {
    /// ONNX Runtime threads per voice.
    public var threads: Int
    /// Overrides every voice's noise scale (json `inference.noise_scale`).
    public var noiseScale: Double?
    /// Overrides every voice's duration-noise scale (json `inference.noise_w`).
    public var noiseW: Double?
    /// Overrides every voice's length scale (json `inference.length_scale`; larger is slower).
    public var lengthScale: Double?
    /// The longest sentence (in characters) synthesised in one piece; longer ones are cut.
    public var maxSentenceCharacters: Int
    /// Render the first sentence's leading clause on its own, so the first audio arrives sooner.
    public var splitFirstClause: Bool

    /// Creates settings; the noise and length overrides default to each voice's own values.
    public init(
        threads: Int = PiperEngineSettings.defaultThreads,
        noiseScale: Double? = nil,
        noiseW: Double? = nil,
        lengthScale: Double? = nil,
        maxSentenceCharacters: Int = 300,
        splitFirstClause: Bool = true
    ) {
        self.threads = threads
        self.noiseScale = noiseScale
        self.noiseW = noiseW
        self.lengthScale = lengthScale
        self.maxSentenceCharacters = maxSentenceCharacters
        self.splitFirstClause = splitFirstClause
    }

    /// Up to 4 threads: VITS at this size gains little beyond that, and the server has other work.
    public static var defaultThreads: Int { min(4, max(1, ProcessInfo.processInfo.activeProcessorCount)) }
}
