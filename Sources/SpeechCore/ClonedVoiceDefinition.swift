public import Foundation

/// A cloned voice: a reference clip and what is said in it (from the configuration, or made at run time).
public struct ClonedVoiceDefinition: Sendable, Hashable {
    /// The id requests use.
    public var id: String
    /// The reference clip, any format AudioIO decodes (the first 12 s or so are used).
    public var referenceAudio: URL
    /// The transcript of the clip.
    public var referenceText: String
    /// BCP 47 language tag of the reference clip, e.g. `en-US` or `zh-CN`.
    public var language: String
    /// The languages the voice should speak; `nil`: the clip's language and every language the engine's model speaks.
    public var languages: [String]?

    /// Creates a voice definition.
    public init(id: String, referenceAudio: URL, referenceText: String, language: String = "en-US", languages: [String]? = nil) {
        self.id = id
        self.referenceAudio = referenceAudio
        self.referenceText = referenceText
        self.language = language
        self.languages = languages
    }
}

/// A voice an engine cloned: how clients see it, and the clip it conditions on (trimmed, cut at a pause).
public struct ClonedVoice: Sendable, Equatable {
    /// The voice.
    public let voice: Voice
    /// The reference as the engine prepared it from the uploaded clip.
    public let preparedClip: PCMBuffer

    /// Creates the result.
    public init(voice: Voice, preparedClip: PCMBuffer) {
        self.voice = voice
        self.preparedClip = preparedClip
    }
}

/// An engine that can add and drop cloned voices while it runs (the voice library's clones).
public protocol VoiceCloningEngine: TTSEngine {
    /// Prepares `definition`'s clip and serves the voice from now on (replacing a run-time voice of the same id);
    /// throws ``SynthesisError`` naming what is wrong with the clip (`invalidOption`) or the engine (`unavailable`).
    func addVoice(_ definition: ClonedVoiceDefinition) async throws(SynthesisError) -> ClonedVoice
    /// Stops serving the run-time voice `id`; voices from the configuration stay.
    func removeVoice(id: String) async
}
