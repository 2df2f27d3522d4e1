/// Why audio could not be decoded, encoded or processed; `code` says what kind of failure, `message` says it to a person.
public struct AudioIOError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A machine-readable failure kind; new kinds can be added without breaking callers.
    public struct Code: RawRepresentable, Hashable, Sendable {
        /// The code as it appears in JSON error bodies.
        public let rawValue: String
        /// Creates a code from its JSON spelling.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The input holds no bytes or no audio frames.
        public static let emptyInput = Code(rawValue: "empty_audio")
        /// The bytes are not audio that libsndfile recognises (garbage, truncated, unknown container).
        public static let unreadable = Code(rawValue: "unreadable_audio")
        /// The audio is recognised but its shape is not supported (sample rate, channel count, codec).
        public static let unsupported = Code(rawValue: "unsupported_audio")
        /// The decoded audio would be longer than the caller allows.
        public static let tooLong = Code(rawValue: "audio_too_long")
        /// A parameter is out of range (sample rate, duration).
        public static let invalidArgument = Code(rawValue: "invalid_argument")
        /// The encoder library failed.
        public static let encodingFailed = Code(rawValue: "encoding_failed")
        /// The resampler library failed.
        public static let resamplingFailed = Code(rawValue: "resampling_failed")
    }

    /// What kind of failure this is.
    public let code: Code
    /// A sentence for a person.
    public let message: String

    /// Creates an error of `code` with `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message, so that logs and `\(error)` read as a sentence.
    public var description: String { message }

    /// The input is empty.
    public static func emptyInput(_ what: String = "audio input is empty") -> Self { Self(.emptyInput, what) }
    /// The input could not be read as audio, for `reason`.
    public static func unreadable(_ reason: String) -> Self { Self(.unreadable, "not readable audio: \(reason)") }
    /// The audio is longer than `limit` seconds.
    public static func tooLong(limit: Double) -> Self {
        let seconds = limit.rounded() == limit && abs(limit) < 1e9 ? String(Int(limit)) : String(limit)
        return Self(.tooLong, "audio is longer than the limit of \(seconds) seconds")
    }
}
