/// Mono floating-point audio in [-1, 1] at a known sample rate.
public struct PCMBuffer: Sendable, Equatable {
    /// The samples, one per frame (mono).
    public var samples: [Float]
    /// Frames per second.
    public var sampleRate: Int

    /// Creates a buffer from samples at `sampleRate`.
    public init(samples: [Float], sampleRate: Int) {
        self.samples = samples
        self.sampleRate = sampleRate
    }

    /// Length in seconds.
    public var duration: Double { sampleRate > 0 ? Double(samples.count) / Double(sampleRate) : 0 }

    /// Appends another buffer of the same sample rate.
    public mutating func append(_ other: PCMBuffer) {
        precondition(other.sampleRate == sampleRate || other.samples.isEmpty, "sample rates differ")
        samples.append(contentsOf: other.samples)
    }
}
