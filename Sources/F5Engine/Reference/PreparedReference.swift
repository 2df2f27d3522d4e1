public import SpeechCore

/// A reference clip ready for F5-TTS: 24 kHz mono, at most 12 s plus 50 ms of silence, loud enough.
public struct PreparedReference: Sendable, Equatable {
    /// The prepared clip at 24 kHz.
    public var audio: PCMBuffer
    /// RMS of the clip before loudness normalisation.
    public var originalRMS: Float
    /// RMS of `audio` (the target when the clip was quieter than it, else the original).
    public var normalisedRMS: Float
    /// The clip's length in frames, samples / 256, as upstream's `ref_audio_len = audio.shape[-1] // hop_length`.
    public var frames: Int
    /// Whether audio was dropped to fit 12 s (when upstream prints "Audio is over 12s, clipping short.").
    public var clipped: Bool

    /// Creates a prepared reference from its parts.
    public init(audio: PCMBuffer, originalRMS: Float, normalisedRMS: Float, frames: Int, clipped: Bool) {
        self.audio = audio
        self.originalRMS = originalRMS
        self.normalisedRMS = normalisedRMS
        self.frames = frames
        self.clipped = clipped
    }

    /// Length of the prepared clip in seconds.
    public var seconds: Double { audio.duration }

    /// `generated` scaled back to the reference's own loudness when the reference was turned up.
    ///
    /// Upstream multiplies generated audio by `rms / target_rms` when the reference was quieter than the
    /// target; `normalisedRMS` is that target, measured.
    public func restoreLoudness(_ generated: PCMBuffer) -> PCMBuffer {
        guard originalRMS < normalisedRMS, normalisedRMS > 0 else { return generated }
        let gain = originalRMS / normalisedRMS
        return PCMBuffer(samples: generated.samples.map { $0 * gain }, sampleRate: generated.sampleRate)
    }
}
