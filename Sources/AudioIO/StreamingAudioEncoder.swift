import CSndFile
public import Foundation

/// One continuous encoder for a response whose audio arrives in pieces: each ``encode(_:)`` returns the bytes that
/// are ready, ``finish()`` the encoder's tail, and their concatenation is one valid file (no joined files, no gaps).
///
/// WAV starts with a header whose sizes say "unknown length" (``WAVHeader/streaming(sampleRate:)``); FLAC, Ogg/Opus
/// and MP3 run one libsndfile encoder, drained after each piece. Opus and MP3 resample first when the source rate is
/// one they do not take (``AudioEncoder/encodingRate(for:_:)``), through one streaming filter.
///
/// Not `Sendable`: one response owns it.
/// ```swift
/// let encoder = try StreamingAudioEncoder(format: .mp3, sampleRate: voice.sampleRate)
/// for try await chunk in speech { try await send(encoder.encode(chunk.audio.samples)) }
/// try await send(encoder.finish())
/// ```
public final class StreamingAudioEncoder {
    /// The format of the bytes produced.
    public let format: AudioFormat
    /// The sample rate of the encoded audio (the source's, or the nearest one the codec takes).
    public let encodedSampleRate: Int
    private let resampler: StreamingResampler?
    private let stream = MemoryStream()
    private var file: SoundFile?
    private var headerSent = false
    private var finished = false

    /// Ogg pages are cut at least this often, so a listener gets audio while the response is still being made.
    static let oggPageLatencyMilliseconds = 60.0

    /// libsndfile's compression level for MP3 (0 is 320 kbit/s, 1 the lowest rate); 0.5 gives 80 kbit/s at 22–24 kHz (MPEG-2) and 160 kbit/s at 44.1–48 kHz, plenty for speech.
    static let mp3CompressionLevel = 0.5

    /// An encoder of mono audio at `sampleRate` into `format`, at `encodedSampleRate` if given (raw PCM for a client
    /// that assumes one rate), else at the source rate or the nearest rate the codec takes.
    /// - Throws: `AudioIOError` (`invalidArgument` for a bad rate, `encodingFailed` when the codec cannot start).
    public init(format: AudioFormat, sampleRate: Int, encodedSampleRate requestedRate: Int? = nil) throws {
        guard sampleRate > 0, sampleRate <= Resampler.maxSampleRate else {
            throw AudioIOError(.invalidArgument, "sample rate \(sampleRate) is not valid")
        }
        self.format = format
        let encodedSampleRate = AudioEncoder.encodingRate(for: format, requestedRate ?? sampleRate)
        self.encodedSampleRate = encodedSampleRate
        resampler = encodedSampleRate == sampleRate ? nil : try StreamingResampler(from: sampleRate, to: encodedSampleRate)
        if let container = format.libsndfileFormat {
            let file = try SoundFile(writing: stream, format: container, sampleRate: encodedSampleRate)
            if format == .opus { file.setOggPageLatency(milliseconds: Self.oggPageLatencyMilliseconds) }
            // A streamed MP3 never gets its header's frame count (patched at the end into bytes already sent), and
            // players estimate a variable-rate file's length from its first frame; a constant rate keeps that right.
            if format == .mp3 { file.setConstantBitRate(compressionLevel: Self.mp3CompressionLevel) }
            self.file = file
        }
    }

    /// Encodes `samples` (mono, at the source rate) and returns the bytes ready so far (possibly none).
    public func encode(_ samples: [Float]) throws -> Data {
        try write(samples)
        return take()
    }

    /// Ends the stream and returns its last bytes (the encoder's buffered frames and trailer). Call once.
    public func finish() throws -> Data {
        guard !finished else { return Data() }
        finished = true
        if let resampler { try writeEncoded(resampler.finish()) }
        try file?.close()
        file = nil
        return take()
    }

    /// Encodes `samples` without taking the bytes (a whole-file encode lets the codec patch its header at the end).
    func write(_ samples: [Float]) throws {
        guard !finished else { throw AudioIOError(.invalidArgument, "the stream is already finished") }
        try writeEncoded(resampler.map { try $0.process(samples) } ?? samples)
    }

    private func writeEncoded(_ samples: [Float]) throws {
        switch format {
        case .wav, .pcm:
            stream.append(PCMConversion.int16LittleEndianData(from: samples))
        case .flac:
            // Int16 through PCMConversion, so FLAC holds the same values as WAV and PCM.
            try file?.write(PCMConversion.int16Samples(from: samples))
        case .opus, .mp3:
            // Lossy encoders take floats; clamp and drop NaN first so out-of-range input cannot wrap or poison a frame.
            try file?.write(samples.map { $0.isNaN ? 0 : Swift.min(Swift.max($0, -1), 1) })
        }
    }

    private func take() -> Data {
        var data = Data()
        if format == .wav, !headerSent {
            headerSent = true
            data.append(WAVHeader.streaming(sampleRate: encodedSampleRate))
        }
        data.append(contentsOf: stream.drain())
        return data
    }
}

extension AudioFormat {
    /// The libsndfile container | codec for the formats libsndfile encodes; WAV and PCM are written here directly.
    var libsndfileFormat: Int? {
        switch self {
        case .wav, .pcm: nil
        case .flac: SF_FORMAT_FLAC | SF_FORMAT_PCM_16
        case .opus: SF_FORMAT_OGG | SF_FORMAT_OPUS
        case .mp3: SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III
        }
    }
}
