public import Foundation

/// One message of the worker protocol: a JSON header and an optional float32 PCM payload.
public struct F5Frame: Sendable, Equatable {
    /// The UTF-8 JSON header as sent.
    public var header: Data
    /// The samples that followed the header (`payload_bytes / 4` of them); empty when there were none.
    public var payload: [Float]
    /// The header's `kind`.
    public let kind: String
    /// The header's `id`.
    public let id: Int

    /// Wraps a received header and payload, reading `kind` and `id` from the header.
    public init(header: Data, payload: [Float] = []) throws(F5ProtocolError) {
        let envelope: F5Envelope
        do {
            envelope = try JSONDecoder().decode(F5Envelope.self, from: header)
        } catch {
            throw .badHeader("no \"kind\" string and \"id\" integer (\(error))")
        }
        self.header = header
        self.payload = payload
        self.kind = envelope.kind
        self.id = envelope.id
    }

    /// Encodes `message` as a header (its `payload_bytes` set from `payload`) into a frame.
    public init(_ message: some F5Message, payload: [Float] = []) throws(F5ProtocolError) {
        let data: Data
        do {
            data = try F5Frame.encoder.encode(F5Outgoing(message: message, payloadBytes: payload.isEmpty ? nil : payload.count * 4))
        } catch {
            throw .badHeader("cannot encode \(type(of: message)): \(error)")
        }
        try self.init(header: data, payload: payload)
    }

    /// Decodes the header as `type`.
    public func decode<T: Decodable>(_ type: T.Type) throws(F5ProtocolError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: header)
        } catch {
            throw .badHeader("a '\(kind)' header does not match \(T.self): \(error)")
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}

/// The fields every header has.
struct F5Envelope: Decodable {
    let kind: String
    let id: Int
}

/// A message plus its `kind` and `payload_bytes`, flattened into one JSON object.
private struct F5Outgoing<Message: F5Message>: Encodable {
    let message: Message
    let payloadBytes: Int?

    private enum CodingKeys: String, CodingKey {
        case kind
        case payloadBytes = "payload_bytes"
    }

    func encode(to encoder: any Encoder) throws {
        try message.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Message.kind, forKey: .kind)
        try container.encodeIfPresent(payloadBytes, forKey: .payloadBytes)
    }
}

/// A typed protocol message: its Codable fields plus the `kind` that names it.
public protocol F5Message: Codable, Sendable {
    /// The header's `kind` for this message.
    static var kind: String { get }
    /// The request id (`id`).
    var id: Int { get }
}
