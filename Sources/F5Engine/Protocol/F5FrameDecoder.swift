public import Foundation

/// Cuts a byte stream into frames as bytes arrive, enforcing the protocol's limits.
///
/// ```swift
/// var decoder = F5FrameDecoder()
/// decoder.append(bytesFromThePipe)
/// while let frame = try decoder.next() { handle(frame) }
/// try decoder.finish()   // at EOF: throws when a frame was cut off
/// ```
public struct F5FrameDecoder: Sendable {
    private var buffer = Data()
    private var pendingHeader: Data?
    private var pendingPayloadBytes = 0

    /// Creates an empty decoder.
    public init() {}

    /// Adds bytes read from the stream.
    public mutating func append(_ bytes: Data) {
        buffer.append(bytes)
    }

    /// The next complete frame, or `nil` when more bytes are needed.
    public mutating func next() throws(F5ProtocolError) -> F5Frame? {
        if pendingHeader == nil {
            guard buffer.count >= 4 else { return nil }
            let length = buffer.prefix(4).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            guard length <= F5ProtocolLimits.maxHeaderBytes else { throw .headerTooLarge(length) }
            guard length > 0 else { throw .badHeader("empty header") }
            guard buffer.count >= 4 + length else { return nil }
            let header = Data(buffer.dropFirst(4).prefix(length))
            buffer = Data(buffer.dropFirst(4 + length))
            pendingPayloadBytes = try Self.payloadBytes(in: header)
            pendingHeader = header
        }
        guard let header = pendingHeader, buffer.count >= pendingPayloadBytes else { return nil }
        var samples = [Float](repeating: 0, count: pendingPayloadBytes / 4)
        if pendingPayloadBytes > 0 {
            buffer.prefix(pendingPayloadBytes).withUnsafeBytes { raw in
                for index in samples.indices {
                    let bits = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
                    samples[index] = Float(bitPattern: bits)
                }
            }
            buffer = Data(buffer.dropFirst(pendingPayloadBytes))
        }
        pendingHeader = nil
        pendingPayloadBytes = 0
        return try F5Frame(header: header, payload: samples)
    }

    /// Checks that the stream ended between frames; throws when a frame was cut off.
    public func finish() throws(F5ProtocolError) {
        if let _ = pendingHeader { throw .truncated(pendingPayloadBytes - buffer.count) }
        if !buffer.isEmpty { throw .truncated(max(4 - buffer.count, 1)) }
    }

    private static func payloadBytes(in header: Data) throws(F5ProtocolError) -> Int {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: header)
        } catch {
            throw .badHeader("not JSON (\(error.localizedDescription))")
        }
        guard let fields = object as? [String: Any] else { throw .badHeader("not a JSON object") }
        guard let value = fields["payload_bytes"], !(value is NSNull) else { return 0 }
        guard let number = value as? Int, number >= 0, number % 4 == 0 else {
            throw .badPayloadLength((value as? Int) ?? -1)
        }
        guard number <= F5ProtocolLimits.maxPayloadBytes else { throw .payloadTooLarge(number) }
        return number
    }
}
