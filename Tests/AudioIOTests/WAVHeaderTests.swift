import AudioIO
import Foundation
import SpeechCore
import TestSupport
import Testing

@Suite struct WAVHeaderTests {
    @Test func streamingHeaderBytesAreExact() {
        let expected: [UInt8] = [
            0x52, 0x49, 0x46, 0x46,  // "RIFF"
            0xFF, 0xFF, 0xFF, 0xFF,  // RIFF size: unknown
            0x57, 0x41, 0x56, 0x45,  // "WAVE"
            0x66, 0x6D, 0x74, 0x20,  // "fmt "
            0x10, 0x00, 0x00, 0x00,  // fmt chunk size 16
            0x01, 0x00,  // PCM
            0x01, 0x00,  // mono
            0xC0, 0x5D, 0x00, 0x00,  // 24000 Hz
            0x80, 0xBB, 0x00, 0x00,  // 48000 bytes per second
            0x02, 0x00,  // block align
            0x10, 0x00,  // 16 bits
            0x64, 0x61, 0x74, 0x61,  // "data"
            0xFF, 0xFF, 0xFF, 0xFF,  // data size: unknown
        ]
        #expect([UInt8](WAVHeader.streaming(sampleRate: 24_000)) == expected)
        #expect(WAVHeader.byteCount == expected.count)
    }

    @Test func fixedHeaderCountsTheData() throws {
        let header = [UInt8](try WAVHeader.forData(byteCount: 1000, sampleRate: 22_050))
        #expect(header.count == 44)
        #expect(Array(header[4..<8]) == [0x0C, 0x04, 0x00, 0x00])  // 36 + 1000
        #expect(Array(header[24..<28]) == [0x22, 0x56, 0x00, 0x00])  // 22050
        #expect(Array(header[40..<44]) == [0xE8, 0x03, 0x00, 0x00])  // 1000
        // Everything but the two size fields matches the streaming header.
        let streaming = [UInt8](WAVHeader.streaming(sampleRate: 22_050))
        #expect(Array(header[8..<40]) == Array(streaming[8..<40]))
    }

    @Test func oversizedDataAndBadRatesThrow() {
        #expect(throws: AudioIOError.self) { try WAVHeader.forData(byteCount: WAVHeader.maxDataByteCount + 1, sampleRate: 24_000) }
        #expect(throws: AudioIOError.self) { try WAVHeader.forData(byteCount: -1, sampleRate: 24_000) }
        #expect(throws: AudioIOError.self) { try WAVHeader.forData(byteCount: 10, sampleRate: 0) }
    }

    @Test func streamedWAVDecodes() throws {
        // A player that saved a streamed response gets a file whose sizes say "unknown"; it still decodes.
        let sine = TestSignals.sine(frequency: 440, seconds: 0.5, sampleRate: 16_000)
        var data = WAVHeader.streaming(sampleRate: 16_000)
        data.append(PCMConversion.int16LittleEndianData(from: sine.samples))
        let decoded = try AudioDecoder().decode(data)
        #expect(decoded.sampleRate == 16_000)
        #expect(decoded.samples.count == sine.samples.count)
    }
}
