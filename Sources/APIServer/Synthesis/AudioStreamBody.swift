import AudioIO
import Foundation
import Hummingbird
import Logging
import NIOCore
import SpeechCore

/// Response bodies that send a synthesis as it is made, through one ``StreamingAudioEncoder`` per response.
///
/// The 200 goes out with the first audio (see ``started(_:)``), so a request refused as busy, or a text the voice
/// cannot say, gets a proper error status. A failure after that aborts the response, so the client sees a broken
/// transfer instead of a clean but truncated file; the log says why.
enum AudioStreamBody {
    /// A stream that has produced its first chunk.
    struct Started: Sendable {
        let first: AudioChunk
        /// The rest of the same stream (iterated again from where the first chunk was taken).
        let rest: AsyncThrowingStream<AudioChunk, any Error>
    }

    /// Waits for `audio`'s first chunk: until then every failure is still an ordinary error response. Waiting costs
    /// nothing, since there is nothing to send before it.
    static func started(_ audio: AsyncThrowingStream<AudioChunk, any Error>) async throws -> Started {
        var iterator = audio.makeAsyncIterator()
        guard let first = try await iterator.next() else { throw SynthesisError.noAudio() }
        return Started(first: first, rest: audio)
    }

    /// What the response encodes: `format` of audio at `sampleRate`, re-encoded at `encodedSampleRate` if given.
    struct Encoding: Sendable {
        var format: AudioFormat
        var sampleRate: Int
        var encodedSampleRate: Int?

        func makeEncoder() throws -> StreamingAudioEncoder {
            try StreamingAudioEncoder(format: format, sampleRate: sampleRate, encodedSampleRate: encodedSampleRate)
        }
    }

    /// The encoded file, each piece written as soon as the encoder has it.
    static func file(_ audio: Started, _ encoding: Encoding, logger: Logger) -> ResponseBody {
        ResponseBody { writer in
            let encoder = try encoding.makeEncoder()
            try await forEachPiece(of: audio, encoder: encoder, logger: logger) { try await writer.write(ByteBuffer(bytes: $0)) }
            try await writer.finish(nil)
        }
    }

    /// Server-Sent Events in OpenAI's shapes: `speech.audio.delta` with each piece in base64, then `speech.audio.done`.
    ///
    /// `usage` counts the input's characters and the output's 20 ms audio frames: no tokenizer runs here, and
    /// clients read the field only to display it.
    static func events(
        _ audio: Started,
        _ encoding: Encoding,
        inputCharacters: Int,
        logger: Logger
    ) -> ResponseBody {
        ResponseBody { writer in
            let encoder = try encoding.makeEncoder()
            let samples = try await forEachPiece(of: audio, encoder: encoder, logger: logger) { piece in
                try await writer.write(ByteBuffer(string: try event(SpeechEvent.delta(piece))))
            }
            let frames = samples / Swift.max(encoding.sampleRate / 50, 1)
            try await writer.write(ByteBuffer(string: try event(SpeechEvent.done(inputTokens: inputCharacters, outputTokens: frames))))
            try await writer.finish(nil)
        }
    }

    /// Encodes every chunk and hands on each non-empty piece, then the encoder's tail; returns the samples encoded.
    @discardableResult
    private static func forEachPiece(
        of audio: Started,
        encoder: StreamingAudioEncoder,
        logger: Logger,
        send: (Data) async throws -> Void
    ) async throws -> Int {
        var samples = 0
        var pending: AudioChunk? = audio.first
        var chunks = audio.rest.makeAsyncIterator()
        while true {
            let chunk: AudioChunk?
            do {
                if let first = pending {
                    chunk = first
                    pending = nil
                } else {
                    chunk = try await chunks.next()
                }
            } catch {
                // The engine failed (a write error is the client leaving, which HTTP already handles).
                logger.error("audio stream failed after it started; aborting the response", metadata: ["error": "\(error)"])
                throw error
            }
            guard let chunk else { break }
            samples += chunk.audio.samples.count
            let piece = try encoder.encode(chunk.audio.samples)
            if !piece.isEmpty { try await send(piece) }
        }
        let tail = try encoder.finish()
        if !tail.isEmpty { try await send(tail) }
        return samples
    }

    private static func event(_ value: SpeechEvent) throws -> String {
        "data: \(String(decoding: try JSONEncoder().encode(value), as: UTF8.self))\n\n"
    }
}

/// OpenAI's streamed speech events.
private struct SpeechEvent: Encodable {
    struct Usage: Encodable {
        let inputTokens: Int
        let outputTokens: Int
        let totalTokens: Int

        enum CodingKeys: String, CodingKey {
            case inputTokens = "input_tokens"
            case outputTokens = "output_tokens"
            case totalTokens = "total_tokens"
        }
    }
    let type: String
    var audio: String?
    var usage: Usage?

    static func delta(_ piece: Data) -> Self { Self(type: "speech.audio.delta", audio: piece.base64EncodedString()) }
    static func done(inputTokens: Int, outputTokens: Int) -> Self {
        Self(type: "speech.audio.done", usage: Usage(inputTokens: inputTokens, outputTokens: outputTokens, totalTokens: inputTokens + outputTokens))
    }
}
