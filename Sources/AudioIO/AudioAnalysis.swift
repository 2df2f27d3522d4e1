import Foundation
public import SpeechCore

/// Level measurements of mono audio.
public enum AudioAnalysis {
    /// Root-mean-square level of `samples` (0 for none); accumulated in Double so long buffers stay exact.
    public static func rms(_ samples: some Collection<Float>) -> Float {
        guard !samples.isEmpty else { return 0 }
        let sumOfSquares = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
        return Float((sumOfSquares / Double(samples.count)).squareRoot())
    }

    /// Root-mean-square level of `buffer`.
    public static func rms(_ buffer: PCMBuffer) -> Float { rms(buffer.samples) }

    /// Largest absolute sample of `samples` (0 for none).
    public static func peak(_ samples: some Collection<Float>) -> Float {
        samples.reduce(0) { Swift.max($0, abs($1)) }
    }

    /// Largest absolute sample of `buffer`.
    public static func peak(_ buffer: PCMBuffer) -> Float { peak(buffer.samples) }

    /// `amplitude` in dBFS (1.0 is 0 dB); silence is `-infinity`.
    public static func decibels(fromAmplitude amplitude: Float) -> Float {
        amplitude > 0 ? 20 * log10(amplitude) : -.infinity
    }

    /// The amplitude of a level of `decibels` dBFS.
    public static func amplitude(fromDecibels decibels: Float) -> Float {
        pow(10, decibels / 20)
    }
}
