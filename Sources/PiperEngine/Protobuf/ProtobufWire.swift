/// The little of protobuf's wire format that rewriting an ONNX model's metadata needs.
///
/// Only the top level of a message is walked; field values are skipped by their encoded length,
/// so a 60 MB model graph is never decoded.
enum ProtobufWire {
    /// How a field's value is encoded (the low three bits of its key).
    enum WireType: UInt64 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    /// One top-level field: its number and the byte range of the whole field (key and value).
    struct Field: Equatable {
        let number: UInt64
        let wireType: WireType
        let range: Range<Int>
    }

    struct MalformedError: Error, Equatable, CustomStringConvertible {
        let offset: Int
        let reason: String
        var description: String { "malformed protobuf at byte \(offset): \(reason)" }
    }

    /// Splits `bytes` into its top-level fields, checking that they cover it exactly.
    static func fields(of bytes: UnsafeRawBufferPointer) throws -> [Field] {
        var fields: [Field] = []
        var offset = 0
        while offset < bytes.count {
            let start = offset
            let key = try readVarint(bytes, at: &offset)
            let number = key >> 3
            guard number > 0 else { throw MalformedError(offset: start, reason: "field number 0") }
            guard let wireType = WireType(rawValue: key & 7) else {
                throw MalformedError(offset: start, reason: "unsupported wire type \(key & 7)")
            }
            switch wireType {
            case .varint: _ = try readVarint(bytes, at: &offset)
            case .fixed64: offset += 8
            case .fixed32: offset += 4
            case .lengthDelimited:
                let length = try readVarint(bytes, at: &offset)
                guard length <= UInt64(bytes.count - offset) else {
                    throw MalformedError(offset: start, reason: "field \(number) is longer than the message")
                }
                offset += Int(length)
            }
            guard offset <= bytes.count else { throw MalformedError(offset: start, reason: "field \(number) is truncated") }
            fields.append(Field(number: number, wireType: wireType, range: start..<offset))
        }
        return fields
    }

    /// Reads a base-128 varint at `offset` and moves past it.
    static func readVarint(_ bytes: UnsafeRawBufferPointer, at offset: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            guard shift < 64 else { break }
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw MalformedError(offset: start, reason: "bad varint")
    }

    /// Appends `value` as a base-128 varint.
    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Appends a length-delimited field `number` holding `payload`.
    static func appendLengthDelimited(_ number: UInt64, _ payload: [UInt8], to bytes: inout [UInt8]) {
        appendVarint(number << 3 | WireType.lengthDelimited.rawValue, to: &bytes)
        appendVarint(UInt64(payload.count), to: &bytes)
        bytes.append(contentsOf: payload)
    }
}
