import AudioIO
import Foundation
import SpeechCore
import TestSupport
import Testing

@Suite struct StreamingAudioEncoderTests {
    /// Pieces of uneven length, as sentences arrive from an engine.
    static let pieceSeconds = [0.23, 0.61, 0.05, 0.9, 0.41]

    /// The source cut into pieces, encoded piece by piece, and the bytes each call returned.
    static func stream(_ source: PCMBuffer, as format: AudioFormat) throws -> (data: Data, parts: [Data]) {
        let encoder = try StreamingAudioEncoder(format: format, sampleRate: source.sampleRate)
        var parts: [Data] = []
        var start = 0
        for seconds in pieceSeconds {
            let end = Swift.min(start + Int(seconds * Double(source.sampleRate)), source.samples.count)
            parts.append(try encoder.encode(Array(source.samples[start..<end])))
            start = end
        }
        parts.append(try encoder.encode(Array(source.samples[start...])))
        parts.append(try encoder.finish())
        return (parts.reduce(Data(), +), parts)
    }

    let speechLike = TestSignals.chirp(from: 150, to: 3_000, seconds: 2.5, sampleRate: 22_050)

    @Test(arguments: [AudioFormat.wav, .flac])
    func losslessStreamsDecodeToTheSameSamples(format: AudioFormat) throws {
        let (data, _) = try Self.stream(speechLike, as: format)
        let decoded = try AudioDecoder().decode(data)
        #expect(decoded.sampleRate == speechLike.sampleRate)
        #expect(PCMConversion.int16Samples(from: decoded.samples) == PCMConversion.int16Samples(from: speechLike.samples))
    }

    @Test func wavStreamDeclaresAnUnknownLength() throws {
        let (data, parts) = try Self.stream(speechLike, as: .wav)
        #expect(data.prefix(44) == WAVHeader.streaming(sampleRate: 22_050))
        #expect(parts[0].count == 44 + Int(0.23 * 22_050) * 2)  // the header comes with the first piece
    }

    @Test func pcmStreamIsTheSamplesAlone() throws {
        let (data, _) = try Self.stream(speechLike, as: .pcm)
        #expect(data == PCMConversion.int16LittleEndianData(from: speechLike.samples))
    }

    /// Decoded audio matches the source within one codec frame of length and lines up after the encoder's delay.
    @Test(arguments: [(AudioFormat.opus, 960), (.mp3, 1_152)])
    func lossyStreamsAreOneContinuousFile(format: AudioFormat, frameSamples: Int) throws {
        let (data, parts) = try Self.stream(speechLike, as: format)
        // Audio leaves the encoder before the end, not all in the last call.
        #expect(parts.dropLast().reduce(0) { $0 + $1.count } > data.count / 2)
        let decoded = try AudioDecoder().decode(data)
        let rate = AudioEncoder.encodingRate(for: format, speechLike.sampleRate)
        #expect(decoded.sampleRate == rate)
        let reference = try Resampler.resample(speechLike, to: rate)
        let frame = format == .opus ? frameSamples * rate / 48_000 : frameSamples
        let (correlation, lag) = TestSignals.bestCorrelation(reference.samples, decoded.samples, maxLag: 4 * frame)
        #expect(correlation >= 0.9, "correlation \(correlation) at lag \(lag)")
        #expect(abs(decoded.samples.count - lag - reference.samples.count) <= frame, "decoded \(decoded.samples.count), lag \(lag)")
    }

    @Test(arguments: AudioFormat.allCases)
    func anEmptyStreamIsStillAFile(format: AudioFormat) throws {
        let encoder = try StreamingAudioEncoder(format: format, sampleRate: 24_000)
        let data = try encoder.finish()
        if format == .wav { #expect(data == WAVHeader.streaming(sampleRate: 24_000)) }
        if format == .pcm { #expect(data.isEmpty) }
        #expect(try encoder.finish().isEmpty)  // a second finish adds nothing
    }

    @Test func encodingAfterFinishThrows() throws {
        let encoder = try StreamingAudioEncoder(format: .mp3, sampleRate: 24_000)
        _ = try encoder.finish()
        #expect(throws: AudioIOError.self) { try encoder.encode([0.1]) }
    }
}
