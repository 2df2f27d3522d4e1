import Speech
import SpeechCore

/// A voice as `GET /api/voices` lists it (the original iShowTTS fields plus `sample_rate`, and with the voice
/// library its `name` and `source`: `configuration`, `library` or `installed`; `languages`: every language it speaks).
struct VoiceDescriptor: Codable, Sendable, Equatable {
    let id: String
    var name: String?
    var source: String?
    let engine: String
    let engineLabel: String
    let language: String
    let languages: [String]
    let sampleRate: Int
    let referenceText: String?

    init(_ voice: Voice) {
        id = voice.id
        engine = voice.engine.rawValue
        engineLabel = voice.engineLabel
        language = voice.language
        languages = voice.languages
        sampleRate = voice.sampleRate
        referenceText = voice.referenceText
    }

    init(_ described: LibraryVoice) {
        self.init(described.voice)
        name = described.name
        source = described.source.rawValue
    }

    enum CodingKeys: String, CodingKey {
        case id, name, source, engine, language, languages
        case engineLabel = "engine_label"
        case sampleRate = "sample_rate"
        case referenceText = "reference_text"
    }
}
