import Foundation
import Logging
import Testing

@testable import Settings

@Suite("Configuration environment overrides")
struct ConfigurationEnvironmentTests {
    private func load(_ environment: [String: String], file: String? = nil) throws -> ServerConfiguration {
        try ServerConfiguration.load(file: file, environment: environment, currentDirectory: "/srv/tts")
    }

    @Test func integerOverride() throws {
        #expect(try load(["ISHOWTTS__PIPER__MAX_PARALLEL": "8"]).piper.maxParallel == 8)
        #expect(try load(["ISHOWTTS__PIPER__NUM_THREADS": " 1\n"]).piper.numThreads == 1)
    }

    @Test func doubleOverride() throws {
        let configuration = try load(["ISHOWTTS__PIPER__NOISE_SCALE": "0.3", "ISHOWTTS__PIPER__LENGTH_SCALE": "2"])
        #expect(configuration.piper.noiseScale == 0.3)
        #expect(configuration.piper.lengthScale == 2)
    }

    @Test func stringOverrides() throws {
        let configuration = try load([
            "ISHOWTTS__BIND_ADDR": "0.0.0.0:9000",
            "ISHOWTTS__LOG_LEVEL": "warning",
            "ISHOWTTS__DATA_DIR": "/var/lib/ishowtts",
        ])
        #expect(configuration.bindAddress == BindAddress(host: "0.0.0.0", port: 9000))
        #expect(configuration.logLevel == .warning)
        #expect(configuration.dataDirectory == "/var/lib/ishowtts")
    }

    @Test func jsonArrayOverrideReplacesTheVoices() throws {
        let configuration = try load([
            "ISHOWTTS__PIPER__VOICES": #"[{"id":"x","model":"/m.onnx"},{"id":"y","model":"y.onnx","config":"/y.json","speaker":2}]"#,
            "ISHOWTTS__DEFAULT_VOICE": "y",
        ])
        #expect(
            configuration.piper.voices == [
                PiperVoiceEntry(id: "x", model: "/m.onnx"),
                // A relative path from the environment resolves against the current directory.
                PiperVoiceEntry(id: "y", model: "/srv/tts/y.onnx", config: "/y.json", speaker: 2),
            ]
        )
        #expect(configuration.defaultVoice == "y")
    }

    @Test func jsonObjectOverrideSetsATable() throws {
        #expect(try load(["ISHOWTTS__API": #"{"max_text_chars": 7}"#]).api.maxTextCharacters == 7)
    }

    @Test func namesAreCaseInsensitive() throws {
        #expect(try load(["ishowtts__F5__Max_Parallel": "5"]).f5.maxParallel == 5)
        #expect(try load(["ISHOWTTS__log_level": "error"]).logLevel == .error)
    }

    @Test func environmentWinsOverTheFile() throws {
        let fixture = try ConfigurationFixture()
        defer { fixture.remove() }
        let file = try fixture.write("data_dir = \"state\"\n[piper]\nmax_parallel = 3\nnoise_scale = 0.5\n")
        let configuration = try load(
            ["ISHOWTTS__PIPER__MAX_PARALLEL": "8", "ISHOWTTS__PIPER__NOISE_SCALE": "", "ISHOWTTS__DATA_DIR": "here"],
            file: file
        )
        #expect(configuration.piper.maxParallel == 8)
        #expect(configuration.piper.noiseScale == nil)  // an empty value unsets an optional key
        #expect(configuration.dataDirectory == "/srv/tts/here")  // environment paths resolve against the current directory
    }

    @Test func booleanValuesParse() throws {
        for (text, expected) in [("true", true), ("YES", true), ("1", true), ("on", true), ("false", false), ("No", false), ("0", false)] {
            #expect(try ConfigValue.unparsed(text).bool(at: "x") == expected)
        }
        #expect(try ConfigValue.bool(true).bool(at: "x"))
        let error = #expect(throws: ConfigurationError.self) { try ConfigValue.unparsed("maybe").bool(at: "x.flag") }
        #expect(error?.description == #"x.flag: expected a boolean, got "maybe""#)
    }
}
