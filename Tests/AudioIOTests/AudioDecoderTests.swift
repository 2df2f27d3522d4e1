import AudioIO
import Foundation
import SpeechCore
import TestSupport
import Testing

@Suite struct AudioDecoderTests {
    @Test func emptyDataThrowsEmptyInput() {
        let error = #expect(throws: AudioIOError.self) { try AudioDecoder().decode(Data()) }
        #expect(error?.code == .emptyInput)
    }

    @Test func garbageBytesThrowUnreadable() {
        let error = #expect(throws: AudioIOError.self) { try AudioDecoder().decode(Fixtures.garbage(count: 4096, seed: 7)) }
        #expect(error?.code == .unreadable)
        #expect(error?.message.isEmpty == false)
        let text = #expect(throws: AudioIOError.self) { try AudioDecoder().decode(Data("hello, this is not audio".utf8)) }
        #expect(text?.code == .unreadable)
    }

    @Test func manyGarbageAndTruncatedInputsNeverCrash() throws {
        // Random bytes, random bytes behind real magic numbers, and every-so-often prefixes of real files:
        // each must decode or throw an AudioIOError, never crash or hang.
        var inputs: [[UInt8]] = []
        for seed in 1...100 {
            inputs.append(Fixtures.garbage(count: Int(seed) * 37, seed: UInt64(seed)))
        }
        for (index, magic) in ["RIFF", "fLaC", "OggS", "ID3", "FORM", "\u{FF}\u{FB}"].enumerated() {
            for seed in 1...10 {
                inputs.append(Array(magic.utf8) + Fixtures.garbage(count: 2000, seed: UInt64(1000 * index + seed)))
            }
        }
        let sine = TestSignals.sine(frequency: 300, seconds: 0.3, sampleRate: 24_000)
        for format in [AudioFormat.wav, .flac, .opus, .mp3] {
            let full = [UInt8](try AudioEncoder.encode(sine, as: format))
            for length in stride(from: 1, to: full.count, by: max(1, full.count / 40)) {
                inputs.append(Array(full[0..<length]))
            }
        }
        for input in inputs {
            do {
                _ = try AudioDecoder(maxSeconds: 5).decode(input)
            } catch let error as AudioIOError {
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test func stereoIsMixedToMono() throws {
        // Left and right hold different constants, so the mono sample must be their average.
        let frames = (0..<1000).map { i in [Int16(16000), i < 500 ? Int16(-16000) : Int16(0)] }
        let decoded = try AudioDecoder().decode(Fixtures.wav(channels: 2, sampleRate: 8_000, frames: frames))
        #expect(decoded.sampleRate == 8_000)
        #expect(decoded.samples.count == 1000)
        #expect(decoded.samples[0] == 0)
        #expect(abs(decoded.samples[999] - 8000 / 32767) < 1e-6)
    }

    @Test func sixChannelsAreMixedToMono() throws {
        let frames = (0..<100).map { _ in [Int16](repeating: 6000, count: 6) }
        let decoded = try AudioDecoder().decode(Fixtures.wav(channels: 6, sampleRate: 48_000, frames: frames))
        #expect(decoded.samples.count == 100)
        #expect(decoded.samples.allSatisfy { abs($0 - 6000 / 32767) < 1e-6 })
    }

    @Test func longerThanTheLimitThrowsTooLong() throws {
        let data = try AudioEncoder.encode(TestSignals.sine(frequency: 440, seconds: 2, sampleRate: 16_000), as: .flac)
        let error = #expect(throws: AudioIOError.self) { try AudioDecoder(maxSeconds: 1).decode(data) }
        #expect(error?.code == .tooLong)
        #expect(try AudioDecoder(maxSeconds: 2).decode(data).samples.count == 32_000)
    }

    @Test func lossyStreamsAreCheckedWhileDecoding() throws {
        // MP3 and Opus frame counts come from estimates; the running count still enforces the limit.
        for format in [AudioFormat.mp3, .opus] {
            let data = try AudioEncoder.encode(TestSignals.sine(frequency: 440, seconds: 2, sampleRate: 24_000), as: format)
            let error = #expect(throws: AudioIOError.self) { try AudioDecoder(maxSeconds: 1).decode(data) }
            #expect(error?.code == .tooLong)
        }
    }

    @Test func headerWithoutSamplesThrowsEmptyInput() throws {
        let error = #expect(throws: AudioIOError.self) {
            try AudioDecoder().decode(Fixtures.wav(channels: 1, sampleRate: 16_000, frames: []))
        }
        #expect(error?.code == .emptyInput)
    }

    @Test func decodesFromAPath() throws {
        let directory = try ProjectPaths.makeTemporaryDirectory("audioio")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sine = TestSignals.sine(frequency: 440, seconds: 0.5, sampleRate: 22_050)
        let url = directory.appendingPathComponent("clip.flac")
        try AudioEncoder.encode(sine, as: .flac).write(to: url)
        let decoded = try AudioDecoder().decode(contentsOf: url)
        #expect(decoded.samples.count == sine.samples.count)

        let missing = #expect(throws: AudioIOError.self) { try AudioDecoder().decode(contentsOf: directory.appendingPathComponent("nope.wav")) }
        #expect(missing?.code == .unreadable)
        #expect(throws: AudioIOError.self) { try AudioDecoder().decode(contentsOf: directory) }
        let text = directory.appendingPathComponent("notes.wav")
        try Data("not audio".utf8).write(to: text)
        #expect(throws: AudioIOError.self) { try AudioDecoder().decode(contentsOf: text) }
    }

    @Test func oggVorbisDecodes() throws {
        // The server never writes Vorbis, but uploads may be Vorbis; libsndfile writes one for the test.
        let sine = TestSignals.sine(frequency: 440, seconds: 1, sampleRate: 44_100)
        let decoded = try AudioDecoder().decode(try VorbisFixture.encode(sine))
        #expect(decoded.sampleRate == 44_100)
        #expect(abs(decoded.duration - 1) < 0.04)
        #expect(abs(TestSignals.zeroCrossingFrequency(Fixtures.middle(decoded, trimming: 0.1)) - 440) < 4.4)
    }
}
