public import SpeechCore

/// Joins buffers with a linear cross-fade, so that chunks synthesised separately play without a click.
public struct CrossFade: Sendable, Hashable {
    /// Length of the overlap in seconds; clamped to the shorter buffer.
    public var seconds: Double

    /// Creates a cross-fade of `seconds`.
    public init(seconds: Double) {
        self.seconds = seconds
    }

    /// `first` then `second`, overlapping by the fade length: the result is that much shorter than both together.
    ///
    /// - Throws: `AudioIOError` with code `invalidArgument` when the sample rates differ.
    public func join(_ first: PCMBuffer, _ second: PCMBuffer) throws -> PCMBuffer {
        if first.samples.isEmpty { return second }
        if second.samples.isEmpty { return first }
        guard first.sampleRate == second.sampleRate else {
            throw AudioIOError(.invalidArgument, "cannot cross-fade \(first.sampleRate) Hz with \(second.sampleRate) Hz")
        }
        let wanted = seconds > 0 && seconds.isFinite ? Int(seconds * Double(first.sampleRate)) : 0
        let overlap = Swift.min(wanted, first.samples.count, second.samples.count)
        var samples = Array(first.samples[0..<(first.samples.count - overlap)])
        samples.reserveCapacity(first.samples.count + second.samples.count - overlap)
        let tailStart = first.samples.count - overlap
        for i in 0..<overlap {
            // Weights run strictly between 0 and 1 and always sum to 1, so equal signals pass through unchanged.
            let fadeIn = Float(i + 1) / Float(overlap + 1)
            samples.append(first.samples[tailStart + i] * (1 - fadeIn) + second.samples[i] * fadeIn)
        }
        samples.append(contentsOf: second.samples[overlap...])
        return PCMBuffer(samples: samples, sampleRate: first.sampleRate)
    }
}
