import Foundation
import Logging
import TestSupport
import Testing

@testable import Settings

@Suite("Configuration defaults")
struct ConfigurationDefaultsTests {
    @Test func noFileGivesBuiltInDefaultsResolvedAgainstTheCurrentDirectory() throws {
        let configuration = try ServerConfiguration.load(
            file: nil,
            environment: ["PATH": "/usr/bin", "ISHOWTTS": "not an override", "ISHOWTTS_API": "one underscore"],
            currentDirectory: "/srv/tts"
        )
        #expect(configuration.bindAddress == BindAddress(host: "127.0.0.1", port: 27121))
        #expect(configuration.defaultVoice == "joe")
        #expect(configuration.dataDirectory == "/srv/tts/data")
        #expect(configuration.logLevel == .info)
        var api = APISettings(maxTextCharacters: 500, maxBodyBytes: 1_048_576)
        api.webDirectory = "/srv/tts/web"
        #expect(configuration.api == api)
        #expect(configuration.piper.maxParallel == nil)  // as many as the cores hold
        #expect(configuration.f5.maxParallel == nil)  // enough to keep the batches full
        #expect(configuration.piper.numThreads == 2)
        #expect(configuration.piper.noiseScale == nil)
        #expect(configuration.piper.noiseW == nil)
        #expect(configuration.piper.lengthScale == nil)
        #expect(configuration.piper.voices == [PiperVoiceEntry(id: "joe", model: "/srv/tts/models/piper/en_US-joe-medium.onnx")])
        #expect(configuration.piper.voices.first?.configPath == "/srv/tts/models/piper/en_US-joe-medium.onnx.json")
    }

    @Test func memberwiseDefaultsMatchTheDocumentedValues() {
        let configuration = ServerConfiguration()
        #expect(configuration.bindAddress.description == "127.0.0.1:27121")
        #expect(configuration.dataDirectory == "data")
        #expect(configuration.configuredVoiceIDs == ["joe"])
    }

    @Test func exampleFileLoadsAndEqualsTheDefaults() throws {
        // The example lives in config/ and spells paths with "../", so from the repository root it means the defaults.
        let example = ProjectPaths.root.appendingPathComponent("config/ishowtts.example.toml").path
        let root = ProjectPaths.root.standardizedFileURL.path
        var loaded = try ServerConfiguration.load(file: example, environment: [:], currentDirectory: root)
        let defaults = try ServerConfiguration.load(file: nil, environment: [:], currentDirectory: root)
        // `[gateway]` is passed on as JSON for the gateway to read; GatewayTests checks it means the gateway's defaults.
        #expect(loaded.chat.gatewayRules != nil)
        loaded.chat.gatewayRules = nil
        #expect(loaded == defaults)
    }

    @Test func exampleFileDocumentsEveryKeyTheReaderReads() throws {
        // Every key is read once a voice of each engine is present; the list comes from the reader itself.
        let keyLog = ConfigurationKeyLog()
        let environment = [
            "ISHOWTTS__PIPER__VOICES": #"[{"id": "joe", "model": "/m/joe.onnx"}]"#,
            "ISHOWTTS__F5__VOICES": #"[{"id": "walter", "reference_audio": "/v/w.wav", "reference_text": "Hi."}]"#,
        ]
        _ = try ServerConfiguration.load(file: nil, environment: environment, currentDirectory: "/srv/tts", keyLog: keyLog)
        let read = Set(keyLog.recorded)
        #expect(read.count > 30)  // the whole schema, not just a few sections
        let example = try String(contentsOf: ProjectPaths.root.appendingPathComponent("config/ishowtts.example.toml"), encoding: .utf8)
        let documented = Self.documentedKeys(inExample: example)
        for key in read.sorted() {
            #expect(documented.contains(key), "config/ishowtts.example.toml does not document \(key)")
        }
        // Keys inside pass-through tables belong to the module that reads them (GatewayTests checks `[gateway]`).
        let passedThrough = documented.filter { key in ServerConfiguration.passThroughTables.contains { key.hasPrefix($0 + ".") } }
        for key in documented.subtracting(read).subtracting(passedThrough).sorted() {
            Issue.record("config/ishowtts.example.toml documents \(key), which nothing reads")
        }
    }

    /// The dotted keys the example writes as `key = value`, commented out or not, under its `[table]` headers
    /// (`# [[f5.voices]]` counts as a header too): `piper.voices.id`, `api.max_text_chars`.
    static func documentedKeys(inExample text: String) -> Set<String> {
        var table = ""
        var keys: Set<String> = []
        for rawLine in text.split(separator: "\n") {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") { line = String(line.dropFirst()).trimmingCharacters(in: .whitespaces) }
            if let header = line.firstMatch(of: /^\[\[?([a-z0-9_.]+)\]\]?$/) {
                table = String(header.1)
                keys.insert(table)
            } else if let assignment = line.firstMatch(of: /^([a-z0-9_]+)\s*=/) {
                keys.insert(table.isEmpty ? String(assignment.1) : "\(table).\(assignment.1)")
            }
        }
        return keys
    }

    @Test func defaultVoiceCheckCanGrowWithOtherEngines() throws {
        var configuration = try ServerConfiguration.load(file: nil, environment: [:], currentDirectory: "/srv/tts")
        configuration.defaultVoice = "walter"
        #expect(throws: ConfigurationError.self) { try configuration.validateVoices(knownIDs: configuration.configuredVoiceIDs) }
        try configuration.validateVoices(knownIDs: configuration.configuredVoiceIDs + ["walter"])
    }
}
