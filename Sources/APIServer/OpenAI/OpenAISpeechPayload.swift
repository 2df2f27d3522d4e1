import AudioIO
import Foundation
import HTTPTypes
import SpeechCore

/// The body of `POST /v1/audio/speech` as OpenAI's API (and Kokoro-FastAPI's `stream` flag) defines it.
struct OpenAISpeechPayload: Decodable, Sendable {
    /// Any model name; the voice decides the engine. `tts-1`, `tts-1-hd` and `gpt-4o-mini-tts` are listed.
    var model: String
    var input: String
    var voice: String?
    var responseFormat: String?
    var speed: Double?
    /// Style prompt of `gpt-4o-mini-tts`: accepted (bounded) and not used, since no engine here takes a prompt.
    var instructions: String?
    var streamFormat: String?
    /// Kokoro-FastAPI's switch: `false` asks for the whole file at once (with its length).
    var stream: Bool?

    enum CodingKeys: String, CodingKey {
        case model, input, voice, speed, instructions, stream
        case responseFormat = "response_format"
        case streamFormat = "stream_format"
    }

    /// The longest `instructions` accepted, in characters (OpenAI's own limit).
    static let maxInstructionCharacters = 4_096

    /// How the audio travels.
    enum Delivery: Equatable {
        /// One file with its length, sent when it is complete.
        case whole
        /// The file's bytes as they are encoded (chunked transfer).
        case audioStream
        /// Server-Sent Events with base64 pieces of the file.
        case events
    }

    /// The requested format; `mp3` when none is given, as OpenAI does.
    func format() throws -> AudioFormat {
        guard let name = responseFormat?.lowercased() else { return .mp3 }
        if let format = AudioFormat(rawValue: name) { return format }
        let supported = AudioFormat.allCases.map(\.rawValue).joined(separator: ", ")
        let reason = name == "aac" ? "aac is not supported here" : "unknown format '\(name)'"
        throw APIError(.badRequest, code: "unsupported_response_format", message: "\(reason); use one of \(supported)", field: "response_format")
    }

    /// The delivery the request asks for.
    func delivery() throws -> Delivery {
        switch streamFormat?.lowercased() {
        case "sse": return .events
        case nil, "audio": return stream == false ? .whole : .audioStream
        case let other?:
            throw APIError(
                .badRequest,
                code: "invalid_stream_format",
                message: "stream_format must be 'audio' or 'sse', got '\(other)'",
                field: "stream_format"
            )
        }
    }

    /// Checks what ``SpeechService`` does not: the model name and the unused instructions.
    func validate() throws {
        guard !model.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError(.badRequest, code: "invalid_model", message: "model must not be empty", field: "model")
        }
        if let instructions, instructions.count > Self.maxInstructionCharacters {
            throw APIError(
                .badRequest,
                code: "instructions_too_long",
                message: "instructions has \(instructions.count) characters; the limit is \(Self.maxInstructionCharacters)",
                field: "instructions"
            )
        }
    }
}
