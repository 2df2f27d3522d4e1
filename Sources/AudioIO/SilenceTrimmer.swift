public import SpeechCore

/// Cuts near-silence from both ends of a buffer, keeping a short margin so onsets and decays are not clipped.
public struct SilenceTrimmer: Sendable, Hashable {
    /// Samples whose absolute value is below this level (dBFS) count as silence.
    public var thresholdDecibels: Float
    /// Seconds of audio kept before the first and after the last loud sample.
    public var margin: Double

    /// Creates a trimmer; -40 dBFS and 50 ms suit speech.
    public init(thresholdDecibels: Float = -40, margin: Double = 0.05) {
        self.thresholdDecibels = thresholdDecibels
        self.margin = margin
    }

    /// `buffer` without its silent edges; an all-silent buffer becomes empty.
    public func trim(_ buffer: PCMBuffer) -> PCMBuffer {
        let threshold = AudioAnalysis.amplitude(fromDecibels: thresholdDecibels)
        let samples = buffer.samples
        guard let first = samples.firstIndex(where: { abs($0) >= threshold }),
            let last = samples.lastIndex(where: { abs($0) >= threshold })
        else { return PCMBuffer(samples: [], sampleRate: buffer.sampleRate) }
        let marginFrames = margin > 0 && margin.isFinite ? Int(margin * Double(buffer.sampleRate)) : 0
        let start = Swift.max(0, first - marginFrames)
        let end = Swift.min(samples.count, last + 1 + marginFrames)
        return PCMBuffer(samples: Array(samples[start..<end]), sampleRate: buffer.sampleRate)
    }
}
