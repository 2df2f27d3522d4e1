public import Foundation

/// Converts between float samples and signed 16-bit PCM.
///
/// The scale is symmetric (±1 ↔ ±32767), so Int16 → Float → Int16 is lossless for every value but -32768,
/// which reads as -1 and writes back as -32767.
public enum PCMConversion {
    /// The Int16 for `sample`: clamped to [-1, 1], NaN as silence, scaled by 32767 and rounded.
    public static func int16(from sample: Float) -> Int16 {
        // `max`/`min` would let NaN through on one side, so handle it first: NaN means "no signal".
        guard !sample.isNaN else { return 0 }
        let scaled = Swift.min(Swift.max(sample, -1), 1) * 32767
        // Half away from zero, like `rounded()`, without its libm call per sample: truncate, then look at the
        // fraction (exact, unlike adding 0.5, which rounds up values just below one half).
        let truncated = Int32(scaled)
        let fraction = scaled - Float(truncated)
        return Int16(truncated + (fraction >= 0.5 ? 1 : fraction <= -0.5 ? -1 : 0))
    }

    /// The float for `sample`, in [-1, 1].
    public static func float(from sample: Int16) -> Float {
        Swift.max(Float(sample) / 32767, -1)
    }

    /// Every sample of `samples` as Int16, clipping-safe.
    public static func int16Samples(from samples: [Float]) -> [Int16] {
        samples.map(int16(from:))
    }

    /// Every sample of `samples` as Float in [-1, 1].
    public static func floatSamples(from samples: [Int16]) -> [Float] {
        samples.map(float(from:))
    }

    /// `samples` as raw signed 16-bit little-endian bytes (the `pcm` format and a WAV data chunk).
    public static func int16LittleEndianData(from samples: [Float]) -> Data {
        var data = Data(count: samples.count * 2)
        data.withUnsafeMutableBytes { raw in
            for (index, sample) in samples.enumerated() {
                raw.storeBytes(of: int16(from: sample).littleEndian, toByteOffset: index * 2, as: Int16.self)
            }
        }
        return data
    }

    /// Float samples from raw signed 16-bit little-endian bytes; a trailing odd byte is ignored.
    public static func floatSamples(fromInt16LittleEndian data: Data) -> [Float] {
        data.withUnsafeBytes { raw in
            (0..<(raw.count / 2)).map { float(from: Int16(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 2, as: Int16.self))) }
        }
    }
}
