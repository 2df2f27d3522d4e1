public import SpeechCore

/// Why a Piper voice could not be prepared or loaded.
public struct PiperVoiceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A sentence for a person, naming the file at fault.
    public let message: String

    /// Creates an error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }

    /// The error as the engine reports it to callers.
    public var synthesisError: SynthesisError { SynthesisError(.modelLoadFailed, message) }

    static func missingFile(_ path: String) -> Self { Self("voice file not found: \(path)") }
    static func badConfig(_ path: String, _ reason: String) -> Self { Self("bad Piper voice config \(path): \(reason)") }
    static func badModel(_ path: String, _ reason: String) -> Self { Self("bad ONNX model \(path): \(reason)") }
    static func badPhoneme(_ path: String, _ reason: String) -> Self { Self("unusable phoneme_id_map in \(path): \(reason)") }
}
