public import Foundation
public import SpeechCore

/// Writes 16-bit mono WAV files for tools that listen to test output (kept here so tests need no encoder).
public enum TestWAV {
    /// `buffer` as a 16-bit PCM WAV file.
    public static func data(_ buffer: PCMBuffer) -> Data {
        var data = Data()
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        let payload = buffer.samples.count * 2
        data.append(contentsOf: Array("RIFF".utf8))
        append(UInt32(36 + payload))
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        append(UInt32(16))
        append(UInt16(1))  // PCM
        append(UInt16(1))  // mono
        append(UInt32(buffer.sampleRate))
        append(UInt32(buffer.sampleRate * 2))
        append(UInt16(2))
        append(UInt16(16))
        data.append(contentsOf: Array("data".utf8))
        append(UInt32(payload))
        for sample in buffer.samples {
            append(Int16((max(-1, min(1, sample)) * 32767).rounded()))
        }
        return data
    }

    /// Writes `buffer` to `url` as a 16-bit PCM WAV file.
    public static func write(_ buffer: PCMBuffer, to url: URL) throws {
        try data(buffer).write(to: url)
    }
}
