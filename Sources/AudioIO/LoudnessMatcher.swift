public import SpeechCore

/// Brings clips to one loudness so that voices (a Piper item, a cloned F5 item) do not jump in volume.
public enum LoudnessMatcher {
    /// Highest peak after the gain: the clip is turned up only as far as it does not clip.
    public static let peakCeiling: Float = 0.98

    /// `buffer` scaled so its RMS level is `targetDecibels` dBFS (never above ``peakCeiling``); silence is left alone.
    public static func match(_ buffer: PCMBuffer, targetDecibels: Float) -> PCMBuffer {
        let rms = AudioAnalysis.rms(buffer)
        let peak = AudioAnalysis.peak(buffer)
        guard rms > 0, peak > 0 else { return buffer }
        let gain = min(AudioAnalysis.amplitude(fromDecibels: targetDecibels) / rms, peakCeiling / peak)
        return PCMBuffer(samples: buffer.samples.map { $0 * gain }, sampleRate: buffer.sampleRate)
    }

    /// `buffer` cut to at most `seconds`, the last `fadeSeconds` of a cut one faded out so it does not click.
    public static func limited(_ buffer: PCMBuffer, toSeconds seconds: Double, fadeSeconds: Double = 0.05) -> PCMBuffer {
        let limit = Int(seconds * Double(buffer.sampleRate))
        guard buffer.samples.count > limit, limit > 0 else { return buffer }
        var samples = Array(buffer.samples.prefix(limit))
        let fade = min(limit, max(1, Int(fadeSeconds * Double(buffer.sampleRate))))
        for index in 0..<fade {
            samples[limit - fade + index] *= Float(fade - index - 1) / Float(fade)
        }
        return PCMBuffer(samples: samples, sampleRate: buffer.sampleRate)
    }
}
