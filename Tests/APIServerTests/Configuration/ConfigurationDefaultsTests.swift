import APIServer
import Foundation
import Logging
import TestSupport
import Testing

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
        #expect(configuration.api == APISettings(maxParallel: 4, maxTextCharacters: 500, maxBodyBytes: 1_048_576))
        #expect(configuration.piper.numThreads == 2)
        #expect(configuration.piper.noiseScale == nil)
        #expect(configuration.piper.noiseW == nil)
        #expect(configuration.piper.lengthScale == nil)
        #expect(configuration.piper.cacheDirectory == "/srv/tts/data/cache/piper")
        #expect(configuration.piper.voices == [PiperVoiceEntry(id: "joe", model: "/srv/tts/models/piper/en_US-joe-medium.onnx")])
        #expect(configuration.piper.voices.first?.configPath == "/srv/tts/models/piper/en_US-joe-medium.onnx.json")
    }

    @Test func memberwiseDefaultsMatchTheDocumentedValues() {
        let configuration = ServerConfiguration()
        #expect(configuration.bindAddress.description == "127.0.0.1:27121")
        #expect(configuration.dataDirectory == "data")
        #expect(configuration.piper.cacheDirectory == "data/cache/piper")
        #expect(configuration.configuredVoiceIDs == ["joe"])
    }

    @Test func exampleFileLoadsAndEqualsTheDefaults() throws {
        // The example lives in config/ and spells paths with "../", so from the repository root it means the defaults.
        let example = ProjectPaths.root.appendingPathComponent("config/ishowtts.example.toml").path
        let root = ProjectPaths.root.standardizedFileURL.path
        let loaded = try ServerConfiguration.load(file: example, environment: [:], currentDirectory: root)
        let defaults = try ServerConfiguration.load(file: nil, environment: [:], currentDirectory: root)
        #expect(loaded == defaults)
    }

    @Test func exampleFileMentionsEveryKey() throws {
        let example = try String(contentsOf: ProjectPaths.root.appendingPathComponent("config/ishowtts.example.toml"), encoding: .utf8)
        let keys = [
            "bind_addr", "default_voice", "data_dir", "log_level", "[api]", "max_parallel", "max_text_chars", "max_body_bytes",
            "[piper]", "num_threads", "noise_scale", "noise_w", "length_scale", "cache_dir", "[[piper.voices]]", "id", "model",
            "config", "speaker",
        ]
        for key in keys {
            #expect(example.contains(key), "example config does not mention \(key)")
        }
    }

    @Test func defaultVoiceCheckCanGrowWithOtherEngines() throws {
        var configuration = try ServerConfiguration.load(file: nil, environment: [:], currentDirectory: "/srv/tts")
        configuration.defaultVoice = "walter"
        #expect(throws: ConfigurationError.self) { try configuration.validateVoices(knownIDs: configuration.configuredVoiceIDs) }
        try configuration.validateVoices(knownIDs: configuration.configuredVoiceIDs + ["walter"])
    }
}
