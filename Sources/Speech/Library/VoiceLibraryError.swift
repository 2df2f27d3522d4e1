/// Why the voice library refused a change; `kind` decides the HTTP status, `message` says it to a person.
public struct VoiceLibraryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable {
        /// A field is malformed (an id with a slash, a text too long).
        case invalidField = "invalid_field"
        /// The upload is not audio of a supported format.
        case unsupportedAudio = "unsupported_audio"
        /// The audio is readable but unusable as a reference (too short, too long, silent).
        case unusableClip = "unusable_clip"
        /// No transcript was given and nothing here can make one.
        case transcriptRequired = "transcript_required"
        /// The engine named cannot clone voices, or is not enabled.
        case engineCannotClone = "engine_cannot_clone"
        /// The id is taken (by a configured voice, a library voice, or a change in progress).
        case conflict
        /// No library voice has the id.
        case notFound = "voice_not_found"
        /// The engine cannot take the voice now.
        case unavailable = "engine_unavailable"
        /// The disk or database failed.
        case storage = "storage_failed"
    }

    /// What went wrong.
    public let kind: Kind
    /// A sentence for a person.
    public let message: String
    /// The request field at fault, when one is.
    public let field: String?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, field: String? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
    }

    public var description: String { message }
}
