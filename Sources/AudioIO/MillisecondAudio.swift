import Foundation
public import SpeechCore

/// Mono audio addressed in whole milliseconds with 16-bit levels, the way pydub's `AudioSegment` sees a 16-bit WAV.
///
/// Silence rules ported from pydub (F5-TTS's reference clipping, edge trimming and long-pause removal) use this,
/// so they cut at the same milliseconds: lengths round like `len(segment)`, slices truncate like
/// `segment[a:b]` (padding a slice that runs past the end with silence) and levels are `audioop.rms` of the
/// samples as 16-bit integers, truncated to an integer.
public struct MillisecondAudio: Sendable {
    /// The audio.
    public let buffer: PCMBuffer
    /// Running sums of squared 16-bit samples (one more entry than samples), so any window's RMS is O(1) and exact.
    private let squareSums: [Int64]

    /// 16-bit full scale, pydub's `max_possible_amplitude` for a sample width of 2.
    static let fullScale = 32768.0

    /// Wraps `buffer`.
    public init(_ buffer: PCMBuffer) {
        self.buffer = buffer
        var sums = [Int64](repeating: 0, count: buffer.samples.count + 1)
        var total: Int64 = 0
        for (index, sample) in buffer.samples.enumerated() {
            let value = Int64(Self.sixteenBit(sample))
            total += value * value
            sums[index + 1] = total
        }
        squareSums = sums
    }

    /// The sample as the 16-bit integer a 16-bit WAV holds (decoders scale by 1/32768, so this is exact for them).
    static func sixteenBit(_ sample: Float) -> Int16 {
        guard sample.isFinite else { return 0 }
        return Int16(clamping: Int((Double(sample) * fullScale).rounded()))
    }

    /// Length in milliseconds, rounded half to even like `len(segment)`.
    public var milliseconds: Int { Self.milliseconds(frames: buffer.samples.count, sampleRate: buffer.sampleRate) }

    /// `len(segment)` of `frames` frames at `sampleRate`: `round(1000 * (frames / rate))`, half to even.
    public static func milliseconds(frames: Int, sampleRate: Int) -> Int {
        guard sampleRate > 0 else { return 0 }
        return Int((1000 * (Double(frames) / Double(sampleRate))).rounded(.toNearestOrEven))
    }

    /// The frame where millisecond `ms` starts: `int(ms * (rate / 1000.0))`.
    public func frame(atMillisecond ms: Int) -> Int {
        Int(Double(ms) * (Double(buffer.sampleRate) / 1000.0))
    }

    /// Frames `start..<end` of `segment[start:end]`, both clamped to the length first; may run past the samples.
    private func frames(from start: Int, to end: Int) -> (start: Int, end: Int) {
        let length = milliseconds
        let startFrame = frame(atMillisecond: Swift.min(start, length))
        let endFrame = frame(atMillisecond: Swift.min(end, length))
        return (startFrame, Swift.max(startFrame, endFrame))
    }

    /// `segment[start:end]`: the samples of those milliseconds, padded with silence where rounding runs past the end.
    public func slice(from start: Int, to end: Int) -> PCMBuffer {
        let range = frames(from: Swift.max(start, 0), to: end)
        let count = buffer.samples.count
        var samples = Array(buffer.samples[Swift.min(range.start, count)..<Swift.min(range.end, count)])
        let missing = (range.end - range.start) - samples.count
        if missing > 0 { samples.append(contentsOf: repeatElement(0, count: missing)) }
        return PCMBuffer(samples: samples, sampleRate: buffer.sampleRate)
    }

    /// `segment[start:end].rms`: the integer RMS of the slice's 16-bit samples (padding counts as zeros).
    public func rms(from start: Int, to end: Int) -> Int {
        let range = frames(from: Swift.max(start, 0), to: end)
        let length = range.end - range.start
        guard length > 0 else { return 0 }
        let count = buffer.samples.count
        let sum = squareSums[Swift.min(range.end, count)] - squareSums[Swift.min(range.start, count)]
        return Int((Double(sum) / Double(length)).squareRoot())
    }

    /// `segment[start:end].dBFS`: the slice's level relative to 16-bit full scale; silence is `-infinity`.
    public func decibels(from start: Int, to end: Int) -> Double {
        let level = rms(from: start, to: end)
        return level == 0 ? -.infinity : 20 * log10(Double(level) / Self.fullScale)
    }

    /// pydub's `detect_leading_silence`: milliseconds of leading `chunk`-long slices quieter than `thresholdDecibels`.
    public func leadingSilence(thresholdDecibels: Double, chunkMilliseconds chunk: Int = 10) -> Int {
        let length = milliseconds
        let step = Swift.max(chunk, 1)
        var trim = 0
        while trim < length, decibels(from: trim, to: trim + step) < thresholdDecibels { trim += step }
        return Swift.min(trim, length)
    }

    /// F5-TTS's `remove_silence_edges`: the audio without leading and trailing silence measured in 10 ms slices.
    public func trimmingSilenceEdges(thresholdDecibels: Double) -> PCMBuffer {
        let start = leadingSilence(thresholdDecibels: thresholdDecibels)
        let rest = MillisecondAudio(slice(from: start, to: milliseconds))
        let reversed = MillisecondAudio(PCMBuffer(samples: rest.buffer.samples.reversed(), sampleRate: buffer.sampleRate))
        let end = reversed.leadingSilence(thresholdDecibels: thresholdDecibels)
        return end > 0 ? rest.slice(from: 0, to: rest.milliseconds - end) : rest.buffer
    }
}
