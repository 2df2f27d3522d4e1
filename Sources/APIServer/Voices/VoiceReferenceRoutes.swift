import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Speech
import SpeechCore

/// The original iShowTTS's reference overrides, same paths and shapes: `GET|POST|DELETE /api/voices/{id}/reference`
/// (POST takes a multipart `audio` and/or `text`) and `GET /api/voices/{id}/reference/audio?source=baseline|override`.
struct VoiceReferenceRoutes<Context: RequestContext>: Sendable {
    let library: VoiceLibrary
    let body: JSONBody
    let maxUploadBytes: Int

    func register(on api: RouterGroup<Context>) {
        api.get("voices/{id}/reference") { _, context in
            try JSONResponse.make(Payload(try library.reference(context.parameters.require("id"))))
        }
        api.post("voices/{id}/reference") { request, context in
            let form = try await MultipartForm.read(request, maxBytes: maxUploadBytes, timeout: body.timeout)
            let reference = try await library.setReference(context.parameters.require("id"), text: try form.text("text"), audio: form.data("audio"))
            return try JSONResponse.make(Payload(reference))
        }
        api.delete("voices/{id}/reference") { _, context in
            try JSONResponse.make(Payload(try await library.clearReference(context.parameters.require("id"))))
        }
        api.get("voices/{id}/reference/audio") { request, context in try audio(request, id: context.parameters.require("id")) }
    }

    private func audio(_ request: Request, id: String) throws -> Response {
        let text = request.uri.queryParameters["source"].map(String.init) ?? ""
        guard let source = ReferenceSource(rawValue: text.lowercased()) else {
            throw APIError(.badRequest, code: "invalid_source", message: "source must be 'baseline' or 'override'", field: "source")
        }
        let (url, contentType) = try library.referenceAudio(id, source: source)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw APIError(.notFound, code: "voice_not_found", message: "the \(source.rawValue) clip of voice '\(id)' cannot be read")
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: contentType, .cacheControl: "no-store", .voiceReferenceSource: source.rawValue,
                .contentDisposition: "inline; filename=\"\(url.lastPathComponent)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// The original's `VoiceReferenceResponse`.
    struct Payload: Encodable {
        let voiceID: String
        let engine: String
        let engineLabel: String
        let language: String?
        let activeReferenceText: String?
        let baselineReferenceText: String?
        let overrideReferenceText: String?
        let baselineAudioAvailable: Bool
        let overrideAudioAvailable: Bool
        let overrideUpdatedAt: Date?

        init(_ reference: VoiceReference) {
            voiceID = reference.voice.id
            engine = reference.voice.engine.rawValue
            engineLabel = reference.voice.engineLabel
            language = reference.voice.language
            activeReferenceText = reference.activeText
            baselineReferenceText = reference.baselineText
            overrideReferenceText = reference.overrideText
            baselineAudioAvailable = reference.baselineAudioAvailable
            overrideAudioAvailable = reference.overrideAudioAvailable
            overrideUpdatedAt = reference.overrideUpdatedAt
        }

        enum CodingKeys: String, CodingKey {
            case voiceID = "voice_id"
            case engine
            case engineLabel = "engine_label"
            case language
            case activeReferenceText = "active_reference_text"
            case baselineReferenceText = "baseline_reference_text"
            case overrideReferenceText = "override_reference_text"
            case baselineAudioAvailable = "baseline_audio_available"
            case overrideAudioAvailable = "override_audio_available"
            case overrideUpdatedAt = "override_updated_at"
        }
    }
}
