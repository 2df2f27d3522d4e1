/// How many mel frames F5-TTS generates, by the official rules of `infer_batch_process`.
public enum F5Duration {
    /// The model's audio sample rate.
    public static let sampleRate = 24_000
    /// Samples per mel frame.
    public static let hopLength = 256
    /// The speed upstream substitutes for generated text under ``shortTextBytes`` bytes, so short replies are not rushed.
    public static let shortTextSpeed = 0.3
    /// Generated text shorter than this many UTF-8 bytes uses ``shortTextSpeed``.
    public static let shortTextBytes = 10

    /// Total frames (reference + generated) for one chunk:
    /// `ref + int(ref / len(ref_text.encode()) * len(gen_text.encode()) / speed)`.
    ///
    /// `referenceText` is the transcript as the model sees it (``F5Transcript/referenceText(_:)``).
    /// A transcript with no bytes or a non-positive, non-finite speed (upstream divides by zero) yields just
    /// `referenceFrames`.
    public static func frames(referenceFrames: Int, referenceText: String, generatedText: String, speed: Double) -> Int {
        let generatedBytes = generatedText.utf8.count
        let localSpeed = generatedBytes < shortTextBytes ? shortTextSpeed : speed
        let referenceBytes = referenceText.utf8.count
        guard referenceBytes > 0, localSpeed.isFinite, localSpeed > 0 else { return referenceFrames }
        // Same operation order as Python, so the double rounds identically before int() truncates.
        let extra = Double(referenceFrames) / Double(referenceBytes) * Double(generatedBytes) / localSpeed
        return referenceFrames + truncatedInt(extra)
    }

    /// Frames for a fixed total duration in seconds (reference included): `int(fix_dur * 24000 / 256)`.
    public static func frames(fixedSeconds: Double) -> Int {
        truncatedInt(fixedSeconds * Double(sampleRate) / Double(hopLength))
    }

    /// Splits a requested total duration across chunks as upstream does (one chunk keeps `seconds`).
    ///
    /// Each chunk gets the reference length plus a share, by UTF-8 bytes, of `seconds - reference` and of the
    /// cross-fade overlaps that joining will remove: `ref_sec + (target + fade * (n - 1)) * w / sum(w)`.
    public static func fixedDurations(
        seconds: Double,
        referenceFrames: Int,
        chunks: [String],
        crossFadeSeconds: Double
    )
        -> [Double]
    {
        guard chunks.count > 1 else { return chunks.map { _ in seconds } }
        let referenceSeconds = Double(referenceFrames * hopLength) / Double(sampleRate)
        let targetTotal = seconds - referenceSeconds
        let weights = chunks.map(\.utf8.count)
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return chunks.map { _ in seconds } }
        let allocatable = targetTotal + crossFadeSeconds * Double(chunks.count - 1)
        return weights.map { referenceSeconds + allocatable * Double($0) / Double(totalWeight) }
    }

    /// Python's `int()` of a double: truncation toward zero, clamped instead of trapping on absurd values.
    private static func truncatedInt(_ value: Double) -> Int {
        guard value.isFinite else { return value > 0 ? Int.max : (value < 0 ? Int.min : 0) }
        if value >= Double(Int.max) { return Int.max }
        if value <= Double(Int.min) { return Int.min }
        return Int(value)
    }
}
