/// Why a synthesis could not be done; `code` says what kind of failure, `message` says it to a person.
public struct SynthesisError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A machine-readable failure kind; new kinds can be added without breaking callers.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The text is empty after trimming.
        public static let emptyText = Code(rawValue: "empty_text")
        /// The text is longer than the configured limit.
        public static let textTooLong = Code(rawValue: "text_too_long")
        /// No voice has the requested id.
        public static let unknownVoice = Code(rawValue: "unknown_voice")
        /// An option is out of range or does not apply.
        public static let invalidOption = Code(rawValue: "invalid_option")
        /// The engine could not load a model or voice.
        public static let modelLoadFailed = Code(rawValue: "model_load_failed")
        /// The engine failed while synthesising.
        public static let engineFailure = Code(rawValue: "engine_failure")
        /// The engine is not available (not installed, not started, crashed).
        public static let unavailable = Code(rawValue: "engine_unavailable")
        /// Too many requests are already waiting for the engine; retrying shortly may succeed.
        public static let busy = Code(rawValue: "busy")
    }

    /// What kind of failure this is.
    public let code: Code
    /// A sentence for a person.
    public let message: String
    /// The request field at fault, in the API's own spelling (`text`, `voice_id`, `speed`), when one is.
    public let field: String?

    /// Creates an error of `code` with `message`, naming the request `field` at fault if there is one.
    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    public var description: String { message }

    /// The text is empty.
    public static func emptyText() -> Self { Self(.emptyText, "text must not be empty", field: "text") }
    /// The text has more than `limit` characters.
    public static func textTooLong(count: Int, limit: Int) -> Self {
        Self(.textTooLong, "text has \(count) characters; the limit is \(limit)", field: "text")
    }
    /// A synthesis ended without any audio.
    public static func noAudio() -> Self { Self(.engineFailure, "the engine produced no audio") }
    /// No voice called `id`.
    public static func unknownVoice(_ id: String) -> Self { Self(.unknownVoice, "unknown voice '\(id)'", field: "voice_id") }
    /// The engine's waiting line is full.
    public static func busy(engine: EngineID) -> Self {
        Self(.busy, "too many \(engine) synthesis requests are waiting; retry shortly")
    }
    /// Option `name` is invalid for `reason`.
    public static func invalidOption(_ name: String, _ reason: String) -> Self { Self(.invalidOption, "\(name): \(reason)", field: name) }
}
