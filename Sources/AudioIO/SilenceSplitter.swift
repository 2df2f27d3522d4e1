import Foundation
public import SpeechCore

/// Splits audio at long silences, a faithful port of pydub's `split_on_silence` (and `detect_silence`).
///
/// A silence is a run of at least ``minSilenceMilliseconds`` whose `minSilenceMilliseconds`-long windows, tried
/// every ``seekStepMilliseconds``, have a 16-bit RMS at or below ``thresholdDecibels`` (see ``MillisecondAudio``).
/// Each loud stretch keeps up to ``keepSilenceMilliseconds`` of silence on both sides; where two stretches would
/// overlap, the silence between them is halved.
///
/// ```swift
/// let pieces = SilenceSplitter(minSilenceMilliseconds: 1000, thresholdDecibels: -50, keepSilenceMilliseconds: 500,
///                              seekStepMilliseconds: 10).split(clip)
/// ```
public struct SilenceSplitter: Sendable, Hashable {
    /// The shortest silence that splits, in milliseconds.
    public var minSilenceMilliseconds: Int
    /// Windows at or below this level (dBFS, 16-bit full scale) are silent.
    public var thresholdDecibels: Double
    /// Silence kept at each side of a piece, in milliseconds.
    public var keepSilenceMilliseconds: Int
    /// How far apart the measured windows start, in milliseconds.
    public var seekStepMilliseconds: Int

    /// Creates a splitter; the defaults are pydub's.
    public init(
        minSilenceMilliseconds: Int = 1000,
        thresholdDecibels: Double = -16,
        keepSilenceMilliseconds: Int = 100,
        seekStepMilliseconds: Int = 1
    ) {
        self.minSilenceMilliseconds = minSilenceMilliseconds
        self.thresholdDecibels = thresholdDecibels
        self.keepSilenceMilliseconds = keepSilenceMilliseconds
        self.seekStepMilliseconds = seekStepMilliseconds
    }

    /// The silent stretches of `audio` in milliseconds (`detect_silence`).
    public func silentRanges(in audio: MillisecondAudio) -> [Range<Int>] {
        let length = audio.milliseconds
        let window = Swift.max(minSilenceMilliseconds, 0)
        let step = Swift.max(seekStepMilliseconds, 1)
        guard length >= window else { return [] }
        let threshold = pow(10, thresholdDecibels / 20) * MillisecondAudio.fullScale
        let lastStart = length - window
        var starts = Array(stride(from: 0, through: lastStart, by: step))
        if lastStart % step != 0 { starts.append(lastStart) }  // always look at the very end too
        let silentStarts = starts.filter { Double(audio.rms(from: $0, to: $0 + window)) <= threshold }
        guard var rangeStart = silentStarts.first else { return [] }

        var ranges: [Range<Int>] = []
        var previous = rangeStart
        for start in silentStarts.dropFirst() {
            let continuous = start == previous + step
            // Windows that overlap belong to one silence even when a short blip made one window loud.
            let hasGap = start > previous + window
            if !continuous && hasGap {
                ranges.append(rangeStart..<(previous + window))
                rangeStart = start
            }
            previous = start
        }
        ranges.append(rangeStart..<(previous + window))
        return ranges
    }

    /// The loud stretches of `audio` in milliseconds (`detect_nonsilent`).
    public func nonsilentRanges(in audio: MillisecondAudio) -> [Range<Int>] {
        let length = audio.milliseconds
        let silent = silentRanges(in: audio)
        guard let first = silent.first, let last = silent.last else { return [0..<length] }
        if first.lowerBound == 0 && first.upperBound == length { return [] }
        var ranges: [Range<Int>] = []
        var previousEnd = 0
        for range in silent {
            ranges.append(previousEnd..<range.lowerBound)
            previousEnd = range.upperBound
        }
        if last.upperBound != length { ranges.append(previousEnd..<length) }
        if ranges.first == 0..<0 { ranges.removeFirst() }
        return ranges
    }

    /// The millisecond ranges `split(_:)` cuts out: loud stretches widened by the kept silence, overlaps halved.
    public func pieceRanges(in audio: MillisecondAudio) -> [(start: Int, end: Int)] {
        let keep = Swift.max(keepSilenceMilliseconds, 0)
        var ranges = nonsilentRanges(in: audio).map { (start: $0.lowerBound - keep, end: $0.upperBound + keep) }
        for index in ranges.indices.dropFirst() where ranges[index].start < ranges[index - 1].end {
            let middle = floorDivide(ranges[index - 1].end + ranges[index].start, 2)
            ranges[index - 1].end = middle
            ranges[index].start = middle
        }
        return ranges
    }

    /// `buffer` cut into its loud pieces (`split_on_silence`); an all-silent buffer gives none.
    public func split(_ buffer: PCMBuffer) -> [PCMBuffer] {
        let audio = MillisecondAudio(buffer)
        let length = audio.milliseconds
        return pieceRanges(in: audio).map { audio.slice(from: Swift.max($0.start, 0), to: Swift.min($0.end, length)) }
    }

    /// Python's `//` for a positive divisor.
    private func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && value < 0) ? quotient - 1 : quotient
    }
}
