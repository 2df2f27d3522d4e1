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

    /// Streams a WAV whose header declares an unknown length, then PCM as each sentence is ready (the 200 comes with
    /// the first sentence's audio).
    private func stream(_ request: Request, context: Context) async throws -> Response {
        let job = try await job(for: request, streaming: true)
        let audio = try await AudioStreamBody.started(speech.start(job))
        let headers: HTTPFields = [
            .contentType: AudioFormat.wav.contentType,
            .cacheControl: "no-store",
            .voiceID: job.voice.id,
            .sampleRate: String(job.voice.sampleRate),
        ]
        let encoding = AudioStreamBody.Encoding(format: .wav, sampleRate: job.voice.sampleRate)
        return Response(status: .ok, headers: headers, body: AudioStreamBody.file(audio, encoding, logger: context.logger))
    }
}
