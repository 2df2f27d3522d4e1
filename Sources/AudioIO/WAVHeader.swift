public import Foundation

/// The 44-byte RIFF/WAVE header of 16-bit PCM mono audio, for whole files and for streams of unknown length.
public enum WAVHeader {
    /// Size of the header in bytes.
    public static let byteCount = 44

    /// The largest data chunk a RIFF size field can describe (the RIFF size counts 36 header bytes too).
    public static let maxDataByteCount = Int(UInt32.max) - 36

    /// The header for a stream whose length is unknown: RIFF and data sizes are 0xFFFFFFFF.
    ///
    /// Browsers and ffmpeg treat 0xFFFFFFFF as "read until the connection ends", which is what chunked HTTP needs.
    /// `sampleRate` is clamped into the 32-bit field.
    public static func streaming(sampleRate: Int) -> Data {
        make(sampleRate: sampleRate, riffSize: .max, dataSize: .max)
    }

    /// The header for `dataByteCount` bytes of 16-bit mono samples at `sampleRate`.
    ///
    /// - Throws: `AudioIOError` with code `invalidArgument` when the sizes do not fit the 32-bit RIFF fields.
    public static func forData(byteCount dataByteCount: Int, sampleRate: Int) throws -> Data {
        guard (0...maxDataByteCount).contains(dataByteCount) else {
            throw AudioIOError(.invalidArgument, "\(dataByteCount) bytes of audio do not fit in a WAV file")
        }
        guard sampleRate > 0, sampleRate <= Int(UInt32.max / 2) else {
            throw AudioIOError(.invalidArgument, "sample rate \(sampleRate) cannot be written to a WAV header")
        }
        return make(sampleRate: sampleRate, riffSize: UInt32(36 + dataByteCount), dataSize: UInt32(dataByteCount))
    }

    private static func make(sampleRate: Int, riffSize: UInt32, dataSize: UInt32) -> Data {
        // Clamp so that the byte-rate field (rate × 2) cannot overflow either.
        let rate = UInt32(clamping: Swift.min(Swift.max(sampleRate, 0), Int(UInt32.max / 2)))
        var header = Data(capacity: byteCount)
        header.append(contentsOf: Array("RIFF".utf8))
        header.appendLittleEndian(riffSize)
        header.append(contentsOf: Array("WAVEfmt ".utf8))
        header.appendLittleEndian(UInt32(16))  // size of the PCM fmt chunk
        header.appendLittleEndian(UInt16(1))  // WAVE_FORMAT_PCM
        header.appendLittleEndian(UInt16(1))  // channels
        header.appendLittleEndian(rate)
        header.appendLittleEndian(rate * 2)  // byte rate: 2 bytes per mono frame
        header.appendLittleEndian(UInt16(2))  // block align
        header.appendLittleEndian(UInt16(16))  // bits per sample
        header.append(contentsOf: Array("data".utf8))
        header.appendLittleEndian(dataSize)
        return header
    }
}

extension Data {
    fileprivate mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
