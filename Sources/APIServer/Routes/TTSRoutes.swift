import AudioIO
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Speech
import SpeechCore
import TextPrep

/// `POST /api/tts` (whole utterance as base64 WAV in JSON) and `POST /api/tts/stream` (chunked WAV).
struct TTSRoutes<Context: RequestContext>: Sendable {
    let speech: SpeechService
    let body: JSONBody
    /// The built-in English rules (chat abbreviations, numbers, emoji dropped).
    let normalizer = SpeechNormalizer()

    func register(on router: RouterGroup<Context>) {
        router.post("tts") { request, context in try await synthesize(request, context: context) }
        router.post("tts/stream") { request, context in try await stream(request, context: context) }
    }

    private func job(for request: Request, streaming: Bool = false) async throws -> SpeechService.Job {
        var payload = try await body.decode(TTSPayload.self, from: request)
        // Removing long silences needs the whole utterance; a stream sends audio before that exists.
        if streaming { payload.removeSilence = nil }
        let text = payload.normalize == false ? payload.text : normalizer.normalize(payload.text)
        return try speech.makeJob(text: text, voiceID: payload.voiceID, engine: payload.engine, options: payload.options)
    }

    private func synthesize(_ request: Request, context: Context) async throws -> TTSResponse {
        let job = try await job(for: request)
        let started = ContinuousClock.now
        let audio = try await speech.synthesizeAll(job)
        let wav = try AudioEncoder.encode(audio, as: .wav)
        context.logger.info(
            "tts synthesis complete",
            metadata: [
                "voice_id": "\(job.voice.id)", "engine": "\(job.engine.id)", "chars": "\(job.request.text.count)",
                "audio_s": "\(audio.duration)", "elapsed": "\(ContinuousClock.now - started)",
            ]
        )
        return TTSResponse(
            requestID: UUID(),
            voiceID: job.voice.id,
            engine: job.engine.id.rawValue,
            engineLabel: job.engine.label,
            sampleRate: audio.sampleRate,
            audioBase64: wav.base64EncodedString(),
            waveformLength: audio.samples.count,
            format: "wav"
        )
    }

    /// Streams a WAV whose header declares an unknown length, then PCM as each sentence is ready.
    ///
    /// The job is admitted (or refused as busy) before the 200 goes out. A failure after that aborts the response, so
    /// the client sees a broken transfer instead of a clean but truncated WAV; the log says why.
    private func stream(_ request: Request, context: Context) async throws -> Response {
        let job = try await job(for: request, streaming: true)
        let audio = try await speech.start(job)
        let logger = context.logger
        let headers: HTTPFields = [
            .contentType: AudioFormat.wav.contentType,
            .cacheControl: "no-store",
            .voiceID: job.voice.id,
            .sampleRate: String(job.voice.sampleRate),
        ]
        return Response(
            status: .ok,
            headers: headers,
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: WAVHeader.streaming(sampleRate: job.voice.sampleRate)))
                var chunks = audio.makeAsyncIterator()
                while true {
                    let chunk: AudioChunk?
                    do {
                        chunk = try await chunks.next()
                    } catch {
                        // The engine failed (a write error below is the client leaving, which HTTP already handles).
                        logger.error("tts stream failed after it started; aborting the response", metadata: ["error": "\(error)"])
                        throw error
                    }
                    guard let chunk else { break }
                    try await writer.write(ByteBuffer(bytes: PCMConversion.int16LittleEndianData(from: chunk.audio.samples)))
                }
                try await writer.finish(nil)
            }
        )
    }
}

extension TTSResponse: ResponseEncodable {}
