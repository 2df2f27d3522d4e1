import Foundation
import HTTPTypes
import Hummingbird

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

extension TTSResponse: ResponseGenerator {
    /// The JSON, with the audio written in by hand: JSONEncoder checks every byte of a string for escaping, which was
    /// 40 % of a whole-file request's CPU time, and base64 has nothing to escape.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        let fields = try JSONEncoder().encode(Fields(of: self))  // `{…}`, every field but the audio
        var buffer = ByteBuffer()
        buffer.reserveCapacity(fields.count + audioBase64.utf8.count + 20)
        buffer.writeBytes(fields.dropLast())
        buffer.writeString(#","\#(CodingKeys.audioBase64.stringValue)":""#)
        buffer.writeString(audioBase64)
        buffer.writeString(#""}"#)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(buffer.readableBytes)],
            body: .init(byteBuffer: buffer)
        )
    }

    /// Every field but ``audioBase64``, under the same keys.
    private struct Fields: Encodable {
        let response: TTSResponse

        init(of response: TTSResponse) { self.response = response }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(response.requestID, forKey: .requestID)
            try container.encode(response.voiceID, forKey: .voiceID)
            try container.encode(response.engine, forKey: .engine)
            try container.encode(response.engineLabel, forKey: .engineLabel)
            try container.encode(response.sampleRate, forKey: .sampleRate)
            try container.encode(response.waveformLength, forKey: .waveformLength)
            try container.encode(response.format, forKey: .format)
        }
    }
}
