import Foundation

/// The body `POST /api/tts` answers with, as the original iShowTTS does.
struct TTSResponse: Codable, Sendable {
    let requestID: UUID
    let voiceID: String
    let engine: String
    let engineLabel: String
    let sampleRate: Int
    /// The whole utterance as a base64 WAV file (16-bit PCM mono).
    let audioBase64: String
    /// Number of samples in the waveform.
    let waveformLength: Int
    /// Always `wav`.
    let format: String

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
        case voiceID = "voice_id"
        case engine
        case engineLabel = "engine_label"
        case sampleRate = "sample_rate"
        case audioBase64 = "audio_base64"
        case waveformLength = "waveform_len"
        case format
    }
}
