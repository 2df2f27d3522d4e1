import AudioIO
import Foundation
import Hummingbird
import NIOCore
import Speech
import SpeechCore

/// The voice library: `POST /api/voices` (clone from an uploaded clip, multipart), `GET|PATCH|DELETE /api/voices/{id}`,
/// `GET /api/voices/{id}/preview` (a short sample as WAV; the audio cache keeps it, so it is made once).
struct VoiceRoutes<Context: RequestContext>: Sendable {
    let library: VoiceLibrary
    let speech: SpeechService
    let body: JSONBody
    /// The largest upload accepted, in bytes.
    let maxUploadBytes: Int

    func register(on api: RouterGroup<Context>) {
        api.post("voices") { request, _ in try await create(request) }
        api.get("voices/{id}") { _, context in try JSONResponse.make(VoiceDescriptor(library.voice(context.parameters.require("id")))) }
        api.patch("voices/{id}") { request, context in try await update(request, id: context.parameters.require("id")) }
        api.get("voices/{id}/preview") { _, context in try await preview(context.parameters.require("id")) }
        api.delete("voices/{id}") { _, context in
            try await library.delete(context.parameters.require("id"))
            return Response(status: .noContent)
        }
    }

    private func create(_ request: Request) async throws -> Response {
        let form = try await MultipartForm.read(request, maxBytes: maxUploadBytes, timeout: body.timeout)
        guard let id = try form.text("id") else { throw APIError.missingField("id") }
        guard let audio = form.data("audio") else { throw APIError.missingField("audio") }
        let upload = VoiceUpload(
            id: id,
            name: try form.text("name"),
            engine: try form.text("engine"),
            language: try form.text("language"),
            referenceText: try form.text("reference_text"),
            audio: audio
        )
        return try JSONResponse.make(VoiceDescriptor(try await library.create(upload)), status: .created)
    }

    private func preview(_ id: String) async throws -> Response {
        let described = try library.voice(id)
        // A fixed seed: the same sample every time, so the cache's copy is the one a second request would make.
        let job = try speech.makeJob(
            text: VoicePreview.text(for: described.voice, name: described.name),
            voiceID: id,
            options: SynthesisOptions(seed: 1)
        )
        let wav = try AudioEncoder.encode(try await speech.synthesizeAll(job), as: .wav)
        return Response(
            status: .ok,
            headers: [.contentType: AudioFormat.wav.contentType, .cacheControl: "no-cache", .voiceID: id],
            body: .init(byteBuffer: ByteBuffer(bytes: wav))
        )
    }

    /// The body of `PATCH /api/voices/{id}`: any of the fields.
    struct Changes: Decodable {
        var name: String?
        var language: String?
        var referenceText: String?

        enum CodingKeys: String, CodingKey {
            case name, language
            case referenceText = "reference_text"
        }
    }

    private func update(_ request: Request, id: String) async throws -> Response {
        let changes = try await body.decode(Changes.self, from: request)
        let voice = try await library.update(id, name: changes.name, language: changes.language, referenceText: changes.referenceText)
        return try JSONResponse.make(VoiceDescriptor(voice))
    }
}

extension APIError {
    /// A required form field is absent.
    static func missingField(_ name: String) -> Self {
        Self(.badRequest, code: "missing_field", message: "the form has no '\(name)' field", field: name)
    }
}
