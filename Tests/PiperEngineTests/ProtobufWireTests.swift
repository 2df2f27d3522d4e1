import Foundation
import Testing

@testable import PiperEngine

@Suite struct ProtobufWireTests {
    @Test(arguments: [0, 1, 127, 128, 300, 16_384, UInt64(UInt32.max), UInt64.max])
    func varintsRoundTrip(value: UInt64) throws {
        var bytes: [UInt8] = []
        ProtobufWire.appendVarint(value, to: &bytes)
        var offset = 0
        let decoded = try bytes.withUnsafeBytes { try ProtobufWire.readVarint($0, at: &offset) }
        #expect(decoded == value)
        #expect(offset == bytes.count)
    }

    @Test func walksEveryWireTypeAndSkipsValues() throws {
        var message: [UInt8] = []
        ProtobufWire.appendVarint(1 << 3 | 0, to: &message)  // field 1, varint 300
        ProtobufWire.appendVarint(300, to: &message)
        ProtobufWire.appendVarint(2 << 3 | 1, to: &message)  // field 2, fixed64
        message += [1, 2, 3, 4, 5, 6, 7, 8]
        ProtobufWire.appendLengthDelimited(7, Array("graph".utf8), to: &message)
        ProtobufWire.appendVarint(4 << 3 | 5, to: &message)  // field 4, fixed32
        message += [9, 9, 9, 9]
        let fields = try message.withUnsafeBytes { try ProtobufWire.fields(of: $0) }
        #expect(fields.map(\.number) == [1, 2, 7, 4])
        #expect(fields.map(\.wireType) == [.varint, .fixed64, .lengthDelimited, .fixed32])
        #expect(fields.last?.range.upperBound == message.count)
    }

    @Test(arguments: [
        [UInt8(0x0a), 0x05, 0x61],  // length 5, one byte left
        [0x08, 0x80],  // varint cut short
        [0x0b],  // wire type 3 (groups)
        [0x00, 0x01],  // field number 0
        [0x09, 1, 2, 3],  // fixed64 with 3 bytes
    ])
    func rejectsMalformedMessages(bytes: [UInt8]) {
        #expect(throws: ProtobufWire.MalformedError.self) {
            try bytes.withUnsafeBytes { try ProtobufWire.fields(of: $0) }
        }
    }

    @Test func replacesMetadataAndKeepsEverythingElse() throws {
        var model: [UInt8] = []
        ProtobufWire.appendVarint(1 << 3, to: &model)  // ir_version = 8
        ProtobufWire.appendVarint(8, to: &model)
        model += ONNXMetadata.encode([("old", "entry")])
        ProtobufWire.appendLengthDelimited(7, Array(repeating: 0xab, count: 1000), to: &model)  // the "graph"
        model += ONNXMetadata.encode([("another", "old one")])

        let rewrite = try ONNXMetadata.replacing(in: Data(model), with: [("model_type", "vits"), ("comment", "piper")])
        var rewritten = rewrite.kept.flatMap { model[$0] }
        rewritten += rewrite.appended

        let metadata = try ONNXMetadata.read(from: Data(rewritten))
        #expect(metadata.map(\.key) == ["model_type", "comment"])
        #expect(metadata.map(\.value) == ["vits", "piper"])
        let fields = try rewritten.withUnsafeBytes { try ProtobufWire.fields(of: $0) }
        #expect(fields.map(\.number) == [1, 7, 14, 14])
        #expect(rewritten.count == model.count - ONNXMetadata.encode([("old", "entry"), ("another", "old one")]).count + rewrite.appended.count)
    }

    @Test func encodesLongValuesWithMultiByteLengths() throws {
        let long = String(repeating: "é", count: 200)
        let metadata = try ONNXMetadata.read(from: Data(ONNXMetadata.encode([(long, long)])))
        #expect(metadata.first?.key == long)
        #expect(metadata.first?.value == long)
    }
}
