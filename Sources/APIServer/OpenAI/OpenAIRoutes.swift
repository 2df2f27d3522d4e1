import AudioIO
import Foundation
import Hummingbird
import Speech
import SpeechCore
import TextPrep

/// OpenAI's speech API: `POST /v1/audio/speech`, `GET /v1/models` and `GET /v1/audio/voices` (the list Open WebUI
/// reads), with errors in OpenAI's shape (see ``OpenAIErrorEnvelope``).
struct OpenAIRoutes<Context: RequestContext>: Sendable {
    let speech: SpeechService
    /// With the library, voices are listed with their names.
    let library: VoiceLibrary?
    let body: JSONBody
    let voiceNames: OpenAIVoiceNames
    let normalizer = SpeechNormalizer()

    /// Raw PCM has no header to say its rate, and OpenAI's clients assume 24 kHz, so PCM is always sent at that rate.
    static var pcmSampleRate: Int { 24_000 }
    /// The model names listed; any name is accepted.
    static var modelNames: [String] { ["tts-1", "tts-1-hd", "gpt-4o-mini-tts"] }

    func register(on v1: RouterGroup<Context>) {
        v1.post("audio/speech") { request, context in try await speak(request, context: context) }
        v1.get("models") { _, _ in try JSONResponse.make(ModelList(names: Self.modelNames)) }
        v1.get("audio/voices") { _, _ in
            let voices = library?.list() ?? speech.catalog.voices.map { LibraryVoice(voice: $0, name: $0.id, source: .configuration) }
            return try JSONResponse.make(VoiceList(voices: voices))
        }
    }

    private func speak(_ request: Request, context: Context) async throws -> Response {
        let payload = try await body.decode(OpenAISpeechPayload.self, from: request)
        try payload.validate()
        let format = try payload.format()
        let delivery = try payload.delivery()
        let job = try speech.makeJob(
            text: normalizer.normalize(payload.input),
            voiceID: voiceNames.voiceID(for: payload.voice, in: speech.catalog),
            options: SynthesisOptions(speed: payload.speed)
        )
        let encoding = AudioStreamBody.Encoding(
            format: format,
            sampleRate: job.voice.sampleRate,
            encodedSampleRate: format == .pcm ? Self.pcmSampleRate : nil
        )
        var headers: HTTPFields = [.cacheControl: "no-store", .voiceID: job.voice.id]
        headers[.contentType] = format == .pcm ? "audio/pcm;rate=\(Self.pcmSampleRate);channels=1;encoding=s16le" : format.contentType

        switch delivery {
        case .whole:
            let audio = try await speech.synthesizeAll(job)
            let file = try AudioEncoder.encode(Resampler.resample(audio, to: encoding.encodedSampleRate ?? audio.sampleRate), as: format)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file)))
        case .audioStream:
            let audio = try await AudioStreamBody.started(speech.start(job))
            return Response(status: .ok, headers: headers, body: AudioStreamBody.file(audio, encoding, logger: context.logger))
        case .events:
            let audio = try await AudioStreamBody.started(speech.start(job))
            headers[.contentType] = "text/event-stream"
            return Response(
                status: .ok,
                headers: headers,
                body: AudioStreamBody.events(audio, encoding, inputCharacters: job.request.text.count, logger: context.logger)
            )
        }
    }
}

/// `GET /v1/models`.
private struct ModelList: Encodable {
    struct Model: Encodable {
        let id: String
        let object = "model"
        let created = 0
        let ownedBy = "ishowtts"

        enum CodingKeys: String, CodingKey {
            case id, object, created
            case ownedBy = "owned_by"
        }
    }
    let object = "list"
    let data: [Model]

    init(names: [String]) { data = names.map(Model.init) }
}

/// `GET /v1/audio/voices`: `{"voices": [{"id", "name", …}]}`.
private struct VoiceList: Encodable {
    struct Entry: Encodable {
        let id: String
        let name: String
        let engine: String
        let language: String
    }
    let voices: [Entry]

    init(voices: [LibraryVoice]) {
        self.voices = voices.map { Entry(id: $0.voice.id, name: $0.name, engine: $0.voice.engine.rawValue, language: $0.voice.language) }
    }
}
