import Foundation
import TestSupport
import Testing

@testable import PiperEngine

@Suite struct PiperVoicePreparerTests {
    let model = ProjectPaths.defaultPiperModel

    private func jsonPhonemeIDs() throws -> [String: [Int]] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: model.appendingPathExtension("json"))) as? [String: Any]
        return try #require(json?["phoneme_id_map"] as? [String: [Int]])
    }

    @Test func tokensFileMatchesTheJSON() throws {
        let cache = try ProjectPaths.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        let prepared = try PiperVoicePreparer(cacheDirectory: cache).prepare(model: model)

        var tokens: [String: [Int]] = [:]
        for line in try String(contentsOf: prepared.tokens, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            // "<phoneme> <id>": the phoneme is one character (possibly a space), then one space.
            let phoneme = String(try #require(line.first))
            let id = try #require(Int(line.dropFirst(2)))
            #expect(tokens[phoneme] == nil, "duplicate phoneme \(phoneme.debugDescription)")
            tokens[phoneme] = [id]
        }
        var expected = try jsonPhonemeIDs()
        expected["\n"] = nil
        #expect(tokens == expected)
        #expect(tokens[" "] == [3])
    }

    @Test func rewrittenModelCarriesTheMetadataAndStillLoads() throws {
        let cache = try ProjectPaths.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        let prepared = try PiperVoicePreparer(cacheDirectory: cache).prepare(model: model)
        #expect(!prepared.wasCached)

        let metadata = try ONNXMetadata.read(from: Data(contentsOf: prepared.model, options: .alwaysMapped))
        let values = Dictionary(metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(metadata.count == values.count, "no key appears twice")
        #expect(values["model_type"] == "vits")
        #expect(values["comment"] == "piper")
        #expect(values["language"] == "English")
        #expect(values["voice"] == "en-us")
        #expect(values["version"] == "1")
        #expect(values["has_espeak"] == "1")
        #expect(values["n_speakers"] == "1")
        #expect(values["sample_rate"] == "22050")

        // Only the metadata changed: the original has none, so the copy is the original plus the entries.
        let originalSize = try #require(FileManager.default.attributesOfItem(atPath: model.path)[.size] as? Int)
        let copySize = try #require(FileManager.default.attributesOfItem(atPath: prepared.model.path)[.size] as? Int)
        #expect(copySize == originalSize + ONNXMetadata.encode(PiperVoicePreparer.metadata(for: prepared.config)).count)

        let synthesizer = try SherpaSynthesizer(voice: prepared, threads: 1, noiseScale: 0.667, noiseW: 0.8)
        #expect(synthesizer.sampleRate == 22050)
        #expect(synthesizer.speakerCount == 1)
    }

    @Test func preparingAgainIsACacheHit() throws {
        let cache = try ProjectPaths.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        let preparer = PiperVoicePreparer(cacheDirectory: cache)
        let first = try preparer.prepare(model: model)
        let written = try FileManager.default.attributesOfItem(atPath: first.model.path)[.modificationDate] as? Date
        let second = try preparer.prepare(model: model)
        #expect(!first.wasCached)
        #expect(second.wasCached)
        #expect(second.model == first.model)
        #expect(try FileManager.default.attributesOfItem(atPath: second.model.path)[.modificationDate] as? Date == written)
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(entries.count == 1, "no temporary folders are left behind: \(entries)")
    }

    @Test func aChangedJSONIsPreparedAgainAndTheStaleCopyRemoved() throws {
        let folder = try ProjectPaths.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache")
        let voice = folder.appendingPathComponent("voice.onnx")
        try FileManager.default.createSymbolicLink(at: voice, withDestinationURL: model)
        let json = try Data(contentsOf: model.appendingPathExtension("json"))
        let preparer = PiperVoicePreparer(cacheDirectory: cache)

        try json.write(to: folder.appendingPathComponent("voice.onnx.json"))
        let first = try preparer.prepare(model: voice)
        var edited = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        edited["inference"] = ["noise_scale": 0.5, "length_scale": 1.2, "noise_w": 0.6]
        try JSONSerialization.data(withJSONObject: edited).write(to: folder.appendingPathComponent("voice.onnx.json"))
        let second = try preparer.prepare(model: voice)

        #expect(!second.wasCached)
        #expect(second.model != first.model)
        #expect(second.config.lengthScale == 1.2)
        #expect(!FileManager.default.fileExists(atPath: first.model.path))
    }

    @Test func aPhonemeWithSeveralIDsIsRejected() throws {
        let error = try #require(throws: PiperVoiceError.self) {
            try prepareFake(phonemeIDs: #"{"_": [0], "^": [1], "$": [2], "a": [3, 4]}"#)
        }
        #expect(error.message.contains("maps to [3, 4]"))
        #expect(error.message.contains("fake.onnx.json"))
    }

    @Test func aPhonemeOfSeveralCodepointsIsRejected() throws {
        let error = try #require(throws: PiperVoiceError.self) {
            try prepareFake(phonemeIDs: #"{"_": [0], "^": [1], "$": [2], "ts": [3]}"#)
        }
        #expect(error.message.contains("not one codepoint"))
    }

    @Test func aMissingFrameSymbolIsRejected() throws {
        let error = try #require(throws: PiperVoiceError.self) { try prepareFake(phonemeIDs: #"{"_": [0], "a": [3]}"#) }
        #expect(error.message.contains("'^' is missing"))
    }

    @Test func missingFilesAndBadModelsNameThePath() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/voice.onnx")
        let error = try #require(throws: PiperVoiceError.self) {
            try PiperVoicePreparer(cacheDirectory: FileManager.default.temporaryDirectory).prepare(model: missing)
        }
        #expect(error.message.contains("/nonexistent/voice.onnx"))

        let badModel = try #require(throws: PiperVoiceError.self) {
            try prepareFake(phonemeIDs: #"{"_": [0], "^": [1], "$": [2], "a": [3]}"#, modelBytes: [0x0b])
        }
        #expect(badModel.message.contains("fake.onnx"))
        #expect(badModel.message.contains("malformed protobuf"))
    }

    /// Prepares a voice whose json has `phonemeIDs` and whose "model" is `modelBytes`.
    private func prepareFake(phonemeIDs: String, modelBytes: [UInt8] = [0x08, 0x08]) throws {
        let folder = try ProjectPaths.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = #"{"audio": {"sample_rate": 22050}, "espeak": {"voice": "en-us"}, "phoneme_id_map": \#(phonemeIDs)}"#
        let model = folder.appendingPathComponent("fake.onnx")
        try Data(modelBytes).write(to: model)
        try Data(json.utf8).write(to: folder.appendingPathComponent("fake.onnx.json"))
        _ = try PiperVoicePreparer(cacheDirectory: folder.appendingPathComponent("cache")).prepare(model: model)
    }
}
