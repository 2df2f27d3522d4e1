/// A frame that breaks the worker protocol; the stream it came from can no longer be trusted.
public struct F5ProtocolError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A sentence for a person.
    public let message: String

    /// Creates an error saying `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }

    static func headerTooLarge(_ bytes: Int) -> Self {
        Self("frame header of \(bytes) bytes exceeds the \(F5ProtocolLimits.maxHeaderBytes)-byte limit")
    }
    static func payloadTooLarge(_ bytes: Int) -> Self {
        Self("frame payload of \(bytes) bytes exceeds the \(F5ProtocolLimits.maxPayloadBytes)-byte limit")
    }
    static func badPayloadLength(_ bytes: Int) -> Self {
        Self("payload_bytes \(bytes) is not a non-negative multiple of 4 (float32 samples)")
    }
    static func badHeader(_ reason: String) -> Self { Self("malformed frame header: \(reason)") }
    static func truncated(_ missing: Int) -> Self { Self("stream ended mid-frame (\(missing) more bytes were expected)") }
    static func unexpected(_ kind: String) -> Self { Self("unexpected message kind '\(kind)'") }
}
