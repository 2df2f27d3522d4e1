/// The CPU Piper engine (`[piper]`): inference settings and the voices it loads.
public struct PiperSettings: Sendable, Equatable {
    /// ONNX Runtime threads per synthesis (`num_threads`, 1...64).
    public var numThreads: Int
    /// Piper syntheses that run at once (`max_parallel`, 1...64); more wait in line. `nil` (the default) runs as many
    /// as the cores can hold: one per `num_threads` cores.
    public var maxParallel: Int?
    /// Overrides every voice's own `noise_scale` (`noise_scale`, 0...2); `nil` keeps each voice's value.
    public var noiseScale: Double?
    /// Overrides every voice's own `noise_w` (`noise_w`, 0...2); `nil` keeps each voice's value.
    public var noiseW: Double?
    /// Overrides every voice's own `length_scale` (`length_scale`, 0.1...10; above 1 speaks slower).
    public var lengthScale: Double?
    /// Render the first sentence's leading clause on its own for faster first audio (`split_first_clause`).
    public var splitFirstClause: Bool
    /// The voices to load (`[[piper.voices]]`); a configured list replaces the default one.
    public var voices: [PiperVoiceEntry]

    /// Allowed range of ``numThreads``.
    public static let numThreadsRange = 1...64
    /// Allowed range of ``maxParallel``.
    public static let maxParallelRange = 1...64
    /// Allowed range of ``noiseScale`` and ``noiseW``.
    public static let noiseRange = 0.0...2.0
    /// Allowed range of ``lengthScale``.
    public static let lengthScaleRange = 0.1...10.0
    /// The voice list used when none is configured: the voice `scripts/setup.sh` installs.
    public static let defaultVoices = [PiperVoiceEntry(id: "joe", model: "models/piper/en_US-joe-medium.onnx")]

    /// Creates settings; every parameter defaults to its built-in value.
    public init(
        numThreads: Int = 2,
        maxParallel: Int? = nil,
        noiseScale: Double? = nil,
        noiseW: Double? = nil,
        lengthScale: Double? = nil,
        splitFirstClause: Bool = true,
        voices: [PiperVoiceEntry] = PiperSettings.defaultVoices
    ) {
        self.numThreads = numThreads
        self.maxParallel = maxParallel
        self.noiseScale = noiseScale
        self.noiseW = noiseW
        self.lengthScale = lengthScale
        self.splitFirstClause = splitFirstClause
        self.voices = voices
    }
}
