import SpeechCore

/// A voice as `GET /api/voices` lists it (the original iShowTTS fields plus `sample_rate`).
struct VoiceDescriptor: Codable, Sendable, Equatable {
    let id: String
    let engine: String
    let engineLabel: String
    let language: String
    let sampleRate: Int
    let referenceText: String?

    init(_ voice: Voice) {
        id = voice.id
        engine = voice.engine.rawValue
        engineLabel = voice.engineLabel
        language = voice.language
        sampleRate = voice.sampleRate
        referenceText = voice.referenceText
    }

    enum CodingKeys: String, CodingKey {
        case id, engine, language
        case engineLabel = "engine_label"
        case sampleRate = "sample_rate"
        case referenceText = "reference_text"
    }
}
