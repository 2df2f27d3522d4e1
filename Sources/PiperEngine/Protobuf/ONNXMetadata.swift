import Foundation

/// Reads and replaces `ModelProto.metadata_props` of an ONNX model without an ONNX or protobuf library.
///
/// `metadata_props` is field 14 of `ModelProto`, a repeated `StringStringEntryProto { key = 1; value = 2 }`.
/// Protobuf allows top-level fields in any order, so dropping the old entries and appending new ones
/// leaves every other byte of the model as it was.
enum ONNXMetadata {
    static let metadataField: UInt64 = 14
    static let keyField: UInt64 = 1
    static let valueField: UInt64 = 2

    /// The metadata entries of the model in `bytes`, in file order; throws ``ProtobufWire/MalformedError``.
    static func read(from bytes: Data) throws -> [(key: String, value: String)] {
        try bytes.withUnsafeBytes { buffer in
            try ProtobufWire.fields(of: buffer)
                .filter { $0.number == metadataField && $0.wireType == .lengthDelimited }
                .map { try entry(in: buffer, field: $0) }
        }
    }

    /// The bytes of the model in `bytes` with its metadata replaced by `entries`, as slices to write in order.
    ///
    /// Returns the ranges of `bytes` to keep and the encoded entries to append after them.
    static func replacing(
        in bytes: Data,
        with entries: [(key: String, value: String)]
    ) throws
        -> (kept: [Range<Int>], appended: [UInt8])
    {
        let fields = try bytes.withUnsafeBytes { try ProtobufWire.fields(of: $0) }
        var kept: [Range<Int>] = []
        for field in fields where field.number != metadataField {
            // Adjacent fields merge into one range, so a model without metadata is one big write.
            if let last = kept.last, last.upperBound == field.range.lowerBound {
                kept[kept.count - 1] = last.lowerBound..<field.range.upperBound
            } else {
                kept.append(field.range)
            }
        }
        return (kept, encode(entries))
    }

    /// `entries` encoded as repeated field 14.
    static func encode(_ entries: [(key: String, value: String)]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (key, value) in entries {
            var entry: [UInt8] = []
            ProtobufWire.appendLengthDelimited(keyField, Array(key.utf8), to: &entry)
            ProtobufWire.appendLengthDelimited(valueField, Array(value.utf8), to: &entry)
            ProtobufWire.appendLengthDelimited(metadataField, entry, to: &bytes)
        }
        return bytes
    }

    private static func entry(
        in buffer: UnsafeRawBufferPointer,
        field: ProtobufWire.Field
    ) throws
        -> (key: String, value: String)
    {
        // Skip the field's own key and length to reach the embedded message.
        var offset = field.range.lowerBound
        _ = try ProtobufWire.readVarint(buffer, at: &offset)
        _ = try ProtobufWire.readVarint(buffer, at: &offset)
        let message = UnsafeRawBufferPointer(rebasing: buffer[offset..<field.range.upperBound])
        var key = ""
        var value = ""
        for inner in try ProtobufWire.fields(of: message) where inner.wireType == .lengthDelimited {
            var innerOffset = inner.range.lowerBound
            _ = try ProtobufWire.readVarint(message, at: &innerOffset)
            _ = try ProtobufWire.readVarint(message, at: &innerOffset)
            let text = String(decoding: message[innerOffset..<inner.range.upperBound], as: UTF8.self)
            if inner.number == keyField { key = text } else if inner.number == valueField { value = text }
        }
        return (key, value)
    }
}
