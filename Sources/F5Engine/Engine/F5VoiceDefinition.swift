public import Foundation

/// A cloned voice to load: a reference clip and what is said in it.
public struct F5VoiceDefinition: Sendable, Equatable {
    /// The id requests use.
    public var id: String
    /// The reference clip, any format AudioIO decodes (the first 12 s or so are used).
    public var referenceAudio: URL
    /// The transcript of the clip.
    public var referenceText: String
    /// BCP 47 language tag of the voice, e.g. `en-US` or `zh-CN`.
    public var language: String

    /// Creates a voice definition.
    public init(id: String, referenceAudio: URL, referenceText: String, language: String = "en-US") {
        self.id = id
        self.referenceAudio = referenceAudio
        self.referenceText = referenceText
        self.language = language
    }
}
