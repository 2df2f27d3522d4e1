import F5Engine
import Foundation
import Testing

/// Frames: 4-byte little-endian length, JSON header, optional float32 payload; malformed input is an error.
@Suite struct FrameCodingTests {
    @Test func aMessageWithPayloadRoundTrips() throws {
        let samples: [Float] = [0, 0.5, -1, 1e-7, .pi]
        let frame = try F5Frame(F5PrepareVoiceRequest(id: 7, voiceID: "walter"), payload: samples)
        var decoder = F5FrameDecoder()
        decoder.append(try frame.encoded())
        let decoded = try #require(try decoder.next())
        #expect(decoded.kind == "prepare_voice")
        #expect(decoded.id == 7)
        #expect(decoded.payload == samples)
        let request = try decoded.decode(F5PrepareVoiceRequest.self)
        #expect(request == F5PrepareVoiceRequest(id: 7, voiceID: "walter"))
        let fields = try #require(try JSONSerialization.jsonObject(with: decoded.header) as? [String: Any])
        #expect(fields["payload_bytes"] as? Int == 20)
        #expect(fields["sample_rate"] as? Int == 24_000)
        #expect(try decoder.next() == nil)
        try decoder.finish()
    }

    @Test func theWireFormatIsLittleEndianLengthThenJSONThenFloats() throws {
        let frame = try F5Frame(F5StatsRequest(id: 1), payload: [1.0])
        let bytes = [UInt8](try frame.encoded())
        let length = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16 | Int(bytes[3]) << 24
        #expect(length == frame.header.count)
        #expect(String(decoding: bytes[4..<(4 + length)], as: UTF8.self) == #"{"id":1,"kind":"stats","payload_bytes":4}"#)
        #expect(Array(bytes.suffix(4)) == [0x00, 0x00, 0x80, 0x3F])  // 1.0f little-endian
    }

    @Test func framesSplitAcrossReadsAndBackToBackFramesDecode() throws {
        var wire = Data()
        for id in 1...3 {
            wire.append(try F5Frame(F5DoneReply(id: id), payload: id == 2 ? [0.25, 0.75] : []).encoded())
        }
        var decoder = F5FrameDecoder()
        var frames: [F5Frame] = []
        for byte in wire {  // one byte at a time: the worst split possible
            decoder.append(Data([byte]))
            while let frame = try decoder.next() { frames.append(frame) }
        }
        try decoder.finish()
        #expect(frames.map(\.id) == [1, 2, 3])
        #expect(frames[1].payload == [0.25, 0.75])
    }

    @Test func everyRequestKindEncodesItsDocumentedFields() throws {
        let item = F5SynthesisItem(
            itemID: "r1-0",
            voiceID: "v",
            text: "ref gen",
            duration: 812,
            nfeStep: 7,
            cfgStrength: 2,
            swaySamplingCoef: -1,
            seed: 1234
        )
        let synthesize = try fields(F5Frame(F5SynthesizeRequest(id: 3, items: [item])))
        let items = try #require(synthesize["items"] as? [[String: Any]])
        #expect(items.first?["item_id"] as? String == "r1-0")
        #expect(items.first?["sway_sampling_coef"] as? Double == -1)
        #expect(items.first?["nfe_step"] as? Int == 7)
        #expect(synthesize["payload_bytes"] == nil)

        let model = F5ModelSpec(mode: "random-init", config: "tiny", device: "cpu", dtype: "fp32", cudaGraphs: false)
        let load = try #require(try fields(F5Frame(F5LoadRequest(id: 2, model: model)))["model"] as? [String: Any])
        #expect(load["cuda_graphs"] as? Bool == false)
        #expect(load["vocoder"] is NSNull)  // null means a random-init Vocos, so it is always written
        #expect(try fields(F5Frame(F5CancelRequest(id: 4, target: 3)))["target"] as? Int == 3)
        #expect(try fields(F5Frame(F5HelloRequest(id: 1)))["protocol"] as? Int == 1)
        #expect(try fields(F5Frame(F5ShutdownRequest(id: 5)))["kind"] as? String == "shutdown")
    }

    @Test func repliesDecodeByKind() throws {
        let audio = try frame(#"{"kind":"audio","id":3,"item_id":"r1-0","sample_rate":24000,"frames":2,"payload_bytes":8}"#, payload: [0.5, -0.5])
        #expect(try F5WorkerMessage(audio) == .audio(F5AudioReply(id: 3, itemID: "r1-0", frames: 2), [0.5, -0.5]))
        let error = try F5WorkerMessage(frame(#"{"kind":"error","id":3,"code":"cancelled","message":"gone","item_id":"r1-1"}"#))
        #expect(error == .error(F5ErrorReply(id: 3, code: "cancelled", message: "gone", itemID: "r1-1")))
        #expect(!error.endsRequest)
        #expect(try F5WorkerMessage(frame(#"{"kind":"error","id":3,"code":"internal","message":"boom"}"#)).endsRequest)
        #expect(try F5WorkerMessage(frame(#"{"kind":"done","id":3,"timings":{"batch_s":0.5}}"#)).endsRequest)
        let stats = try F5WorkerMessage(frame(#"{"kind":"stats","id":9,"batches":2,"items":5,"device_memory_mb":null}"#))
        guard case .stats(let reply) = stats else {
            Issue.record("not stats: \(stats)")
            return
        }
        #expect(reply.items == 5)
        #expect(throws: F5ProtocolError.self) { try F5WorkerMessage(frame(#"{"kind":"synthesize","id":1,"items":[]}"#)) }
    }

    // MARK: Malformed frames

    @Test func aHeaderOverOneMebibyteIsRejectedBeforeItArrives() {
        var decoder = F5FrameDecoder()
        decoder.append(Data(Self.littleEndian(UInt32(F5ProtocolLimits.maxHeaderBytes + 1))))
        #expect(throws: F5ProtocolError.self) { try decoder.next() }
    }

    @Test func aPayloadOver256MebibytesIsRejected() throws {
        var decoder = F5FrameDecoder()
        decoder.append(Self.raw(#"{"kind":"audio","id":1,"payload_bytes":\#(F5ProtocolLimits.maxPayloadBytes + 4)}"#))
        #expect(throws: F5ProtocolError.self) { try decoder.next() }
    }

    @Test func aPayloadLengthThatIsNotWholeFloatsIsRejected() {
        var decoder = F5FrameDecoder()
        decoder.append(Self.raw(#"{"kind":"audio","id":1,"payload_bytes":6}"#))
        #expect(throws: F5ProtocolError.self) { try decoder.next() }
    }

    @Test func headersThatAreNotJSONObjectsWithKindAndIDAreRejected() {
        for header in ["not json", "[1,2]", #"{"kind":"done"}"#, #"{"id":1}"#, ""] {
            var decoder = F5FrameDecoder()
            decoder.append(Self.raw(header))
            #expect(throws: F5ProtocolError.self, "header \(header)") { try decoder.next() }
        }
    }

    @Test func endOfStreamMidFrameIsAnError() throws {
        let wire = try F5Frame(F5DoneReply(id: 1), payload: [1, 2, 3]).encoded()
        for cut in [2, 10, wire.count - 1] {
            var decoder = F5FrameDecoder()
            decoder.append(wire.prefix(cut))
            #expect(try decoder.next() == nil)
            #expect(throws: F5ProtocolError.self, "cut at \(cut)") { try decoder.finish() }
        }
    }

    // MARK: Helpers

    private func fields(_ frame: F5Frame) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: frame.header) as? [String: Any])
    }

    private func frame(_ json: String, payload: [Float] = []) throws -> F5Frame {
        var decoder = F5FrameDecoder()
        var wire = Self.raw(json)
        for sample in payload { wire.append(contentsOf: Self.littleEndian(sample.bitPattern)) }
        decoder.append(wire)
        return try #require(try decoder.next())
    }

    private static func raw(_ header: String) -> Data {
        Data(littleEndian(UInt32(header.utf8.count))) + Data(header.utf8)
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
