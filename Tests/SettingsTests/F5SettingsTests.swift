import Foundation
import Testing

@testable import Settings

/// The `[f5]` section: defaults, types, ranges, voices and `default_voice`.
@Suite struct F5SettingsTests {
    let directory = "/srv/tts"

    @Test func f5IsOffByDefaultWithTheDocumentedValues() throws {
        let f5 = try ServerConfiguration.load(file: nil, environment: [:], currentDirectory: directory).f5
        #expect(!f5.enabled)
        #expect(f5.python == "/srv/tts/.venv-f5/bin/python")
        #expect(f5.workerPath == "/srv/tts/worker")
        #expect(f5.mode == .checkpoint && f5.modelConfig == .base && f5.dtype == .fp16 && f5.cudaGraphs)
        #expect(f5.devices == ["cuda:0"] && f5.workersPerDevice == 1 && f5.standby == .auto)
        #expect(f5.defaultNFE == 7 && f5.batchWindowMilliseconds == 5 && f5.maxBatch == 16 && f5.requestTimeoutSeconds == 60)
        #expect(f5.voices.isEmpty)
    }

    @Test func aFileConfiguresF5AndItsVoicesAndDefaultVoiceMayNameOne() throws {
        let configuration = try load(
            """
            default_voice = "walter"
            [f5]
            enabled = true
            mode = "random-init"
            model_config = "tiny"
            devices = ["cpu", "cuda:1"]
            workers_per_device = 2
            standby = "off"
            dtype = "fp32"
            cuda_graphs = false
            default_nfe = 16
            batch_window_ms = 0
            max_batch = 4
            request_timeout_s = 5
            [[f5.voices]]
            id = "walter"
            reference_audio = "clips/walter.flac"
            reference_text = "Say my name."
            """
        )
        let f5 = configuration.f5
        #expect(f5.enabled && f5.mode == .randomInit && f5.modelConfig == .tiny && f5.dtype == .fp32 && !f5.cudaGraphs)
        #expect(
            f5.devices == ["cpu", "cuda:1"] && f5.workersPerDevice == 2 && f5.standby == .off && f5.maxBatch == 4 && f5.batchWindowMilliseconds == 0
        )
        #expect(f5.voices == [F5VoiceEntry(id: "walter", referenceAudio: "\(directoryOfFile)/clips/walter.flac", referenceText: "Say my name.")])
        #expect(configuration.configuredVoiceIDs == ["joe", "walter"])
    }

    @Test func environmentOverridesReachF5() throws {
        let configuration = try ServerConfiguration.load(
            file: nil,
            environment: [
                "ISHOWTTS__F5__ENABLED": "yes", "ISHOWTTS__F5__MODE": "random-init", "ISHOWTTS__F5__DEVICES": #"["cpu"]"#,
                "ISHOWTTS__F5__VOICES": #"[{"id": "w", "reference_audio": "/a.wav", "reference_text": "hi"}]"#,
            ],
            currentDirectory: directory
        )
        #expect(configuration.f5.enabled && configuration.f5.devices == ["cpu"] && configuration.f5.voices.map(\.id) == ["w"])
    }

    @Test func standbyTakesItsNamesOrABoolean() throws {
        for (value, expected) in [("\"on\"", F5Settings.Standby.on), ("true", .on), ("false", .off), ("\"auto\"", .auto)] {
            #expect(try load("[f5]\nstandby = \(value)").f5.standby == expected, "\(value)")
        }
        let fromEnvironment = try ServerConfiguration.load(file: nil, environment: ["ISHOWTTS__F5__STANDBY": "true"], currentDirectory: directory)
        #expect(fromEnvironment.f5.standby == .on)
    }

    @Test func badValuesAreReportedWithTheirKey() {
        let cases: [(String, String)] = [
            ("[f5]\nmax_batch = 0", "f5.max_batch"),
            ("[f5]\nbatch_window_ms = 5000", "f5.batch_window_ms"),
            ("[f5]\nmode = \"fast\"", "f5.mode"),
            ("[f5]\nstandby = \"yes\"", "f5.standby"),
            ("[f5]\nmodel_config = \"tiny\"", "f5.model_config"),  // tiny needs random-init
            ("[f5]\ndevices = [\"gpu0\"]", "f5.devices"),
            ("[f5]\nenabled = \"very\"", "f5.enabled"),
            ("[f5]\nenabled = true", "f5.checkpoint"),  // checkpoint mode needs its files
            ("[f5]\nmax_bach = 2", "f5.max_bach"),
            ("[[f5.voices]]\nid = \"joe\"\nreference_audio = \"a.wav\"\nreference_text = \"x\"", "f5.voices[0].id"),  // a Piper id
            ("[[f5.voices]]\nid = \"w\"\nreference_text = \"x\"", "f5.voices[0].reference_audio"),
            ("default_voice = \"w\"\n[[f5.voices]]\nid = \"w\"\nreference_audio = \"a.wav\"\nreference_text = \"x\"", "default_voice"),  // F5 off
        ]
        for (text, key) in cases {
            #expect(throws: ConfigurationError.self, "\(text)") { try load(text) }
            do {
                _ = try load(text)
            } catch {
                #expect(error.key == key, "\(text): \(error)")
            }
        }
    }

    // MARK: Helpers

    private var directoryOfFile: String { FileManager.default.temporaryDirectory.appendingPathComponent("ishowtts-f5-config").path }

    private func load(_ text: String) throws(ConfigurationError) -> ServerConfiguration {
        let url = URL(fileURLWithPath: directoryOfFile).appendingPathComponent("\(UUID().uuidString).toml")
        do {
            try FileManager.default.createDirectory(atPath: directoryOfFile, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw ConfigurationError(problem: "cannot write the test file: \(error)")
        }
        return try ServerConfiguration.load(file: url.path, environment: [:], currentDirectory: directory)
    }
}
