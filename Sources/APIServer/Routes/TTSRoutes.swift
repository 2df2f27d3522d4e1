import AudioIO
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SpeechCore

/// `POST /api/tts` (whole utterance as base64 WAV in JSON) and `POST /api/tts/stream` (chunked WAV).
struct TTSRoutes<Context: RequestContext>: Sendable {
    let speech: SpeechService
    let body: JSONBody

    func register(on router: RouterGroup<Context>) {
        router.post("tts") { request, context in try await synthesize(request, context: context) }
        router.post("tts/stream") { request, context in try await stream(request, context: context) }
    }

    private func job(for request: Request, streaming: Bool = false) async throws -> SpeechService.Job {
        var payload = try await body.decode(TTSPayload.self, from: request)
        if streaming { payload.removeSilence = nil }
        if let engine = payload.engine, let voice = try? speech.catalog.require(payload.voiceID),
            engine.lowercased() != voice.voice.engine.rawValue
        {
            throw APIError.invalidParameter("engine '\(engine)' does not match voice '\(voice.voice.id)' (engine \(voice.voice.engine))")
        }
        return try speech.makeJob(text: payload.text, voiceID: payload.voiceID, options: payload.options)
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
    private func stream(_ request: Request, context: Context) async throws -> Response {
        // Removing long silences needs the whole utterance; a stream sends audio before that exists.
        let job = try await job(for: request, streaming: true)
        // Refuse before the 200 goes out; once streaming, a failure can only end the body early.
        if await speech.isSaturated { throw APIError.busy(retryAfterSeconds: 1) }
        let speech = self.speech
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
                do {
                    for try await chunk in speech.stream(job) {
                        try await writer.write(ByteBuffer(bytes: PCMConversion.int16LittleEndianData(from: chunk.audio.samples)))
                    }
                } catch {
                    logger.warning("tts stream ended early", metadata: ["error": "\(error)"])
                }
                try await writer.finish(nil)
            }
        )
    }
}

extension TTSResponse: ResponseEncodable {}
