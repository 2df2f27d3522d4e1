public import Foundation
public import SpeechCore

/// Encodes mono audio as WAV, raw PCM, FLAC, Ogg/Opus or MP3.
///
/// ```swift
/// let body = try AudioEncoder.encode(speech, as: .mp3)
/// response.headers[.contentType] = AudioFormat.mp3.contentType
/// ```
public enum AudioEncoder {
    /// Rates the Opus encoder accepts; Opus runs at 48 kHz internally and these are its decimations.
    static let opusSampleRates = [8_000, 12_000, 16_000, 24_000, 48_000]
    /// Rates LAME accepts through libsndfile: MPEG-2.5, MPEG-2 and MPEG-1 families.
    static let mp3SampleRates = [8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000]

    /// `buffer` encoded as `format`.
    ///
    /// WAV and PCM are 16-bit little-endian; FLAC is lossless at 16 bits. Opus and MP3 accept only some sample
    /// rates, so other rates are first resampled to the nearest accepted rate above (see `encodingRate(for:_:)`).
    /// - Throws: `AudioIOError` with code `invalidArgument` for a non-positive sample rate or an oversized WAV,
    ///   `encodingFailed` when libsndfile fails.
    public static func encode(_ buffer: PCMBuffer, as format: AudioFormat) throws -> Data {
        guard buffer.sampleRate > 0 else {
            throw AudioIOError(.invalidArgument, "sample rate \(buffer.sampleRate) is not valid")
        }
        switch format {
        case .pcm:
            return PCMConversion.int16LittleEndianData(from: buffer.samples)
        case .wav:
            var data = try WAVHeader.forData(byteCount: buffer.samples.count * 2, sampleRate: buffer.sampleRate)
            data.append(PCMConversion.int16LittleEndianData(from: buffer.samples))
            return data
        case .flac, .opus, .mp3:
            let encoder = try StreamingAudioEncoder(format: format, sampleRate: buffer.sampleRate)
            try encoder.write(buffer.samples)
            return try encoder.finish()
        }
    }

    /// The sample rate `format` is encoded at for a source at `sampleRate`.
    ///
    /// Opus accepts only 8/12/16/24/48 kHz and MP3 only the nine MPEG rates. An accepted rate is kept; otherwise the
    /// smallest accepted rate above the source is used (so no content is lost: 22.05 kHz → 24 kHz, 44.1 kHz → 48 kHz
    /// for Opus), or the highest accepted rate for sources above 48 kHz. WAV, PCM and FLAC keep any rate.
    public static func encodingRate(for format: AudioFormat, _ sampleRate: Int) -> Int {
        let accepted: [Int]
        switch format {
        case .wav, .pcm, .flac: return sampleRate
        case .opus: accepted = opusSampleRates
        case .mp3: accepted = mp3SampleRates
        }
        return accepted.first { $0 >= sampleRate } ?? accepted[accepted.count - 1]
    }
}
