public import SpeechCore

/// Shortens long pauses in generated speech, as F5-TTS's `remove_silence_for_generated_wav` does.
///
/// Silences of a second or more (below -50 dBFS) are cut down to at most 500 ms on each side of the speech
/// around them (so at most a second in the middle, half a second at the ends); shorter pauses stay as they are.
/// All-silent audio becomes empty.
public struct LongSilenceRemover: Sendable, Hashable {
    /// The pydub settings upstream uses: 1000 ms, -50 dBFS, keep 500 ms, 10 ms steps.
    public var splitter: SilenceSplitter

    /// Creates a remover with upstream's settings.
    public init(
        splitter: SilenceSplitter = SilenceSplitter(
            minSilenceMilliseconds: 1000,
            thresholdDecibels: -50,
            keepSilenceMilliseconds: 500,
            seekStepMilliseconds: 10
        )
    ) {
        self.splitter = splitter
    }

    /// `buffer` with its long silences shortened.
    public func removeLongSilences(_ buffer: PCMBuffer) -> PCMBuffer {
        var output = PCMBuffer(samples: [], sampleRate: buffer.sampleRate)
        for piece in splitter.split(buffer) { output.samples.append(contentsOf: piece.samples) }
        return output
    }
}
