public import Foundation
public import SpeechCore

/// A request to clone a voice from a clip (the multipart form of `POST /api/voices`).
public struct VoiceUpload: Sendable {
    /// The new voice's id.
    public var id: String
    /// A name for people; the id when absent.
    public var name: String?
    /// The engine that clones it; `f5` when absent.
    public var engine: String?
    /// BCP 47 language tag; `en-US` when absent.
    public var language: String?
    /// What is said in the clip.
    public var referenceText: String?
    /// The clip's bytes, any format libsndfile reads.
    public var audio: Data

    /// Creates an upload.
    public init(id: String, name: String? = nil, engine: String? = nil, language: String? = nil, referenceText: String? = nil, audio: Data) {
        self.id = id
        self.name = name
        self.engine = engine
        self.language = language
        self.referenceText = referenceText
        self.audio = audio
    }
}

/// The limits on uploaded clips.
public struct VoiceUploadLimits: Sendable, Equatable {
    /// The longest upload accepted, in seconds of audio (the engine keeps at most 12 s of it, cut at a pause).
    public var maxSeconds: Double
    /// The shortest upload accepted, in seconds.
    public var minSeconds: Double
    /// The longest transcript, in characters.
    public var maxReferenceTextCharacters: Int

    /// Creates limits; the defaults suit F5-TTS (5–12 s clips are best).
    public init(maxSeconds: Double = 60, minSeconds: Double = 2, maxReferenceTextCharacters: Int = 1_000) {
        self.maxSeconds = maxSeconds
        self.minSeconds = minSeconds
        self.maxReferenceTextCharacters = maxReferenceTextCharacters
    }
}

/// A voice as the library describes it: the catalog's voice plus a name and where it comes from.
public struct LibraryVoice: Sendable, Equatable {
    /// Where a voice is defined.
    public enum Source: String, Sendable {
        /// The configuration file: cannot be changed or deleted through the API.
        case configuration
        /// Made at run time from an upload, kept in the data directory.
        case library
        /// Installed by name (`ishowtts models install`, `POST /api/models/install`); removed the same way.
        case installed
    }

    /// The voice.
    public let voice: Voice
    /// A name for people.
    public let name: String
    /// Where it is defined.
    public let source: Source

    /// Describes `voice`.
    public init(voice: Voice, name: String, source: Source) {
        self.voice = voice
        self.name = name
        self.source = source
    }
}
