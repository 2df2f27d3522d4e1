import AudioIO
public import SpeechCore
import TextPrep

/// Turns an uploaded reference clip into the clip official F5-TTS conditions on.
///
/// The steps follow `preprocess_ref_audio_text` and `infer_batch_process` of f5-tts 1.1.22: resample to 24 kHz;
/// if longer than 12 s, keep whole pieces split at pauses (first at 1 s silences below -50 dBFS, then at 100 ms
/// silences below -40 dBFS, else cut at 12 s); trim silent edges (-42 dBFS in 10 ms steps); append 50 ms of
/// silence; raise the RMS to `targetRMS` when it is lower, remembering the original so generated audio can be
/// turned back down (``PreparedReference/restoreLoudness(_:)``).
///
/// ```swift
/// let clip = try AudioDecoder().decode(upload)
/// let reference = try ReferenceAudioPreparer().prepare(clip)
/// ```
public struct ReferenceAudioPreparer: Sendable {
    /// Upstream's target loudness (`target_rms`).
    public var targetRMS: Float
    /// The shortest clip accepted after trimming, in seconds.
    public var minimumSeconds: Double

    /// The longest clip kept, in milliseconds.
    public static let maxMilliseconds = 12_000
    /// A clip shorter than this is always extended by the next piece, in milliseconds.
    static let enoughMilliseconds = 6_000
    /// Pass 1: split at long pauses.
    static let longPauses = SilenceSplitter(
        minSilenceMilliseconds: 1000,
        thresholdDecibels: -50,
        keepSilenceMilliseconds: 1000,
        seekStepMilliseconds: 10
    )
    /// Pass 2, when pass 1 left more than 12 s: split at short pauses.
    static let shortPauses = SilenceSplitter(
        minSilenceMilliseconds: 100,
        thresholdDecibels: -40,
        keepSilenceMilliseconds: 1000,
        seekStepMilliseconds: 10
    )
    /// Edge trimming level, dBFS.
    static let edgeThresholdDecibels = -42.0
    /// Silence appended after trimming, in milliseconds.
    static let trailingSilenceMilliseconds = 50

    /// Creates a preparer.
    public init(targetRMS: Float = 0.1, minimumSeconds: Double = 1) {
        self.targetRMS = targetRMS
        self.minimumSeconds = minimumSeconds
    }

    /// The prepared reference for `clip` (mono, any sample rate).
    ///
    /// - Throws: `SynthesisError` with code `invalidOption` when the clip is empty, holds non-finite samples, is
    ///   silent, or is shorter than `minimumSeconds` once its silent edges are trimmed.
    public func prepare(_ clip: PCMBuffer) throws(SynthesisError) -> PreparedReference {
        guard !clip.samples.isEmpty, clip.sampleRate > 0 else { throw Self.invalid("the clip is empty") }
        guard clip.samples.allSatisfy(\.isFinite) else { throw Self.invalid("the clip holds invalid (non-finite) samples") }
        let audio: PCMBuffer
        do {
            audio = try Resampler.resample(clip, to: F5Duration.sampleRate)
        } catch {
            throw Self.invalid("cannot resample from \(clip.sampleRate) Hz: \(error)")
        }

        let (kept, clipped) = Self.clipAtPause(audio)
        var trimmed = MillisecondAudio(kept).trimmingSilenceEdges(thresholdDecibels: Self.edgeThresholdDecibels)
        guard AudioAnalysis.peak(trimmed) > 0 else { throw Self.invalid("the clip is silent") }
        guard trimmed.duration >= minimumSeconds else {
            let seconds = (trimmed.duration * 100).rounded() / 100
            throw Self.invalid("only \(seconds) s of sound after trimming silence; at least \(minimumSeconds) s is needed")
        }
        let padding = Self.pydubSilenceFrames(milliseconds: Self.trailingSilenceMilliseconds, sampleRate: trimmed.sampleRate)
        trimmed.samples.append(contentsOf: repeatElement(0, count: padding))

        let originalRMS = AudioAnalysis.rms(trimmed)
        var normalisedRMS = originalRMS
        if originalRMS < targetRMS, originalRMS > 0 {
            let gain = targetRMS / originalRMS
            trimmed.samples = trimmed.samples.map { $0 * gain }
            normalisedRMS = AudioAnalysis.rms(trimmed)
        }
        return PreparedReference(
            audio: trimmed,
            originalRMS: originalRMS,
            normalisedRMS: normalisedRMS,
            frames: trimmed.samples.count / F5Duration.hopLength,
            clipped: clipped
        )
    }

    /// The clip cut to at most 12 s at a pause, and whether anything was cut, as `preprocess_ref_audio_text` does.
    static func clipAtPause(_ audio: PCMBuffer) -> (PCMBuffer, clipped: Bool) {
        // `clipped` is true exactly when upstream reports "Audio is over 12s, clipping short." (any pass);
        // splitting also shortens pauses over 2 s, which does not count.
        var (wave, clipped) = joinPieces(longPauses.split(audio), sampleRate: audio.sampleRate)
        if MillisecondAudio(wave).milliseconds > maxMilliseconds {
            let (shorter, clippedAgain) = joinPieces(shortPauses.split(audio), sampleRate: audio.sampleRate)
            wave = shorter
            clipped = clipped || clippedAgain
        }
        let kept = MillisecondAudio(wave)
        if kept.milliseconds > maxMilliseconds {
            return (kept.slice(from: 0, to: maxMilliseconds), true)
        }
        return (wave, clipped)
    }

    /// Pieces appended in order until the total is over 6 s and the next piece would take it past 12 s.
    private static func joinPieces(_ pieces: [PCMBuffer], sampleRate: Int) -> (PCMBuffer, Bool) {
        var wave = PCMBuffer(samples: [], sampleRate: sampleRate)
        for piece in pieces {
            let current = MillisecondAudio.milliseconds(frames: wave.samples.count, sampleRate: sampleRate)
            let joined = MillisecondAudio.milliseconds(frames: wave.samples.count + piece.samples.count, sampleRate: sampleRate)
            if current > enoughMilliseconds && joined > maxMilliseconds { return (wave, true) }
            wave.samples.append(contentsOf: piece.samples)
        }
        return (wave, false)
    }

    /// Frames of `AudioSegment.silent(ms)` once joined to audio at `sampleRate`: pydub makes it at 11025 Hz and
    /// converts it with `audioop.ratecv`, which yields `(n - 1) * out / in + 1` frames (50 ms → 1198 at 24 kHz).
    static func pydubSilenceFrames(milliseconds: Int, sampleRate: Int) -> Int {
        let silentRate = 11_025
        let frames = Int(Double(silentRate) * (Double(milliseconds) / 1000))
        guard sampleRate > silentRate, frames > 0 else { return Int(Double(sampleRate) * (Double(milliseconds) / 1000)) }
        let divisor = greatestCommonDivisor(silentRate, sampleRate)
        return (frames - 1) * (sampleRate / divisor) / (silentRate / divisor) + 1
    }

    private static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    private static func invalid(_ reason: String) -> SynthesisError { .invalidOption("reference audio", reason) }
}
