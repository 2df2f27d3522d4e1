import Foundation
import SpeechCore

/// Hand-built inputs the encoder never produces (multi-channel files), and small helpers.
enum Fixtures {
    /// A 16-bit PCM WAV file with `channels` interleaved channels; `frames[i]` holds one value per channel.
    static func wav(channels: Int, sampleRate: Int, frames: [[Int16]]) -> Data {
        var body = Data()
        for frame in frames {
            for sample in frame { withUnsafeBytes(of: sample.littleEndian) { body.append(contentsOf: $0) } }
        }
        var data = Data("RIFF".utf8)
        append(UInt32(36 + body.count), to: &data)
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        append(UInt32(16), to: &data)
        append(UInt16(1), to: &data)
        append(UInt16(channels), to: &data)
        append(UInt32(sampleRate), to: &data)
        append(UInt32(sampleRate * channels * 2), to: &data)
        append(UInt16(channels * 2), to: &data)
        append(UInt16(16), to: &data)
        data.append(contentsOf: Array("data".utf8))
        append(UInt32(body.count), to: &data)
        return data + body
    }

    /// Deterministic pseudo-random bytes (xorshift), so a failing garbage input can be reproduced.
    static func garbage(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed | 1
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    /// The middle part of `buffer`, skipping `seconds` at each end (filter and codec edge effects).
    static func middle(_ buffer: PCMBuffer, trimming seconds: Double) -> PCMBuffer {
        let skip = Int(seconds * Double(buffer.sampleRate))
        guard buffer.samples.count > 2 * skip else { return buffer }
        return PCMBuffer(samples: Array(buffer.samples[skip..<(buffer.samples.count - skip)]), sampleRate: buffer.sampleRate)
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
}
