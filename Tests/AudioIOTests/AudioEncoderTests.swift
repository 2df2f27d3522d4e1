import AudioIO
import Foundation
import SpeechCore
import TestSupport
import Testing

@Suite struct AudioEncoderTests {
    let sine = TestSignals.sine(frequency: 440, amplitude: 0.5, seconds: 1, sampleRate: 24_000)

    @Test func wavRoundTripIsWithinOneStep() throws {
        let data = try AudioEncoder.encode(sine, as: .wav)
        #expect(data.count == 44 + sine.samples.count * 2)
        let decoded = try AudioDecoder().decode(data)
        #expect(decoded.sampleRate == 24_000)
        #expect(decoded.samples.count == sine.samples.count)
        let worst = zip(decoded.samples, sine.samples).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 1 / 32767)
    }

    @Test func pcmIsTheWAVBodyWithoutHeader() throws {
        let wav = try AudioEncoder.encode(sine, as: .wav)
        let pcm = try AudioEncoder.encode(sine, as: .pcm)
        #expect(pcm == wav.dropFirst(44))
    }

    @Test func flacRoundTripIsExactAt16Bits() throws {
        let data = try AudioEncoder.encode(sine, as: .flac)
        #expect(data.starts(with: Array("fLaC".utf8)))
        #expect(data.count < sine.samples.count * 2)  // it compresses
        let decoded = try AudioDecoder().decode(data)
        #expect(decoded.sampleRate == 24_000)
        #expect(PCMConversion.int16Samples(from: decoded.samples) == PCMConversion.int16Samples(from: sine.samples))
    }

    @Test(arguments: [(AudioFormat.opus, 24_000), (.opus, 22_050), (.opus, 44_100), (.mp3, 24_000), (.mp3, 22_050), (.mp3, 16_001)])
    func lossyRoundTripKeepsDurationAndPitch(format: AudioFormat, sampleRate: Int) throws {
        let source = TestSignals.sine(frequency: 440, amplitude: 0.5, seconds: 1.5, sampleRate: sampleRate)
        let data = try AudioEncoder.encode(source, as: format)
        if format == .opus {
            #expect(data.starts(with: Array("OggS".utf8)))
        } else {
            #expect(data.first == 0xFF || data.starts(with: Array("ID3".utf8)))  // an MPEG frame sync or a tag
        }
        let decoded = try AudioDecoder().decode(data)
        #expect(decoded.sampleRate == AudioEncoder.encodingRate(for: format, sampleRate))
        #expect(abs(decoded.duration - source.duration) <= 0.040, "duration \(decoded.duration)")
        let pitch = TestSignals.zeroCrossingFrequency(Fixtures.middle(decoded, trimming: 0.1))
        #expect(abs(pitch - 440) / 440 < 0.01, "frequency \(pitch)")
        let level = AudioAnalysis.rms(Fixtures.middle(decoded, trimming: 0.1))
        #expect(abs(level - 0.5 / Float(2).squareRoot()) < 0.05, "rms \(level)")
    }

    @Test func encodingRatesAreTheAcceptedOnes() {
        #expect(AudioEncoder.encodingRate(for: .opus, 48_000) == 48_000)
        #expect(AudioEncoder.encodingRate(for: .opus, 22_050) == 24_000)
        #expect(AudioEncoder.encodingRate(for: .opus, 96_000) == 48_000)
        #expect(AudioEncoder.encodingRate(for: .mp3, 22_050) == 22_050)
        #expect(AudioEncoder.encodingRate(for: .mp3, 22_000) == 22_050)
        #expect(AudioEncoder.encodingRate(for: .flac, 22_000) == 22_000)
    }

    @Test(arguments: AudioFormat.allCases)
    func outOfRangeSamplesDoNotBreakEncoding(format: AudioFormat) throws {
        let loud = PCMBuffer(samples: (0..<4800).map { i in i % 100 == 0 ? .nan : 3 * sin(Float(i) / 5) }, sampleRate: 24_000)
        let data = try AudioEncoder.encode(loud, as: format)
        #expect(!data.isEmpty)
        if format != .pcm {
            let decoded = try AudioDecoder().decode(data)
            // Clamped before encoding: lossless formats stay within ±1; lossy codecs ring (Gibbs) on a clipped wave.
            #expect(AudioAnalysis.peak(decoded) <= (format == .opus || format == .mp3 ? 1.5 : 1))
            #expect(decoded.samples.allSatisfy { $0.isFinite })
        }
    }

    @Test(arguments: AudioFormat.allCases)
    func emptyBufferEncodes(format: AudioFormat) throws {
        _ = try AudioEncoder.encode(PCMBuffer(samples: [], sampleRate: 24_000), as: format)
    }

    @Test func invalidSampleRateThrows() {
        #expect(throws: AudioIOError.self) { try AudioEncoder.encode(PCMBuffer(samples: [0], sampleRate: 0), as: .wav) }
    }

    @Test func contentTypesAndExtensions() {
        #expect(AudioFormat.allCases.map(\.contentType) == ["audio/wav", "audio/pcm", "audio/flac", "audio/ogg", "audio/mpeg"])
        #expect(AudioFormat.allCases.map(\.fileExtension) == ["wav", "pcm", "flac", "opus", "mp3"])
    }
}
