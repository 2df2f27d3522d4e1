import Foundation
import Testing

@testable import Settings

/// `[models]`, F5 voice languages, and what models installed by name stand in for.
@Suite struct ModelSettingsTests {
    @Test func modelsDefaultToThePublicCatalogsAndTakeMirrorsAndFolders() throws {
        let defaults = try ServerConfiguration.load(file: nil, environment: [:], currentDirectory: "/srv").models
        #expect(defaults.piperCatalogURL == "https://huggingface.co/rhasspy/piper-voices/resolve/main/voices.json")
        #expect(defaults.hubURL == "https://huggingface.co" && defaults.maxGigabytes == nil)
        let mirrored = try ServerConfiguration.load(
            file: nil,
            environment: [
                "ISHOWTTS__MODELS__PIPER_CATALOG_URL": "file:///mnt/voices/voices.json",
                "ISHOWTTS__MODELS__HUB_URL": "http://mirror.lan:8080",
                "ISHOWTTS__MODELS__MAX_GB": "2.5",
            ],
            currentDirectory: "/srv"
        )
        #expect(mirrored.models.piperCatalogURL == "file:///mnt/voices/voices.json")
        #expect(mirrored.models.hubURL == "http://mirror.lan:8080" && mirrored.models.maxGigabytes == 2.5)
        #expect(mirrored.modelsDirectory == "/srv/data/models")
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(file: nil, environment: ["ISHOWTTS__MODELS__HUB_URL": "ftp://x"], currentDirectory: "/srv")
        }
    }

    @Test func f5VoicesMayListTheirLanguages() throws {
        let configuration = try ServerConfiguration.load(
            file: nil,
            environment: [
                "ISHOWTTS__F5__VOICES": #"[{"id":"w","reference_audio":"/c.wav","reference_text":"hi","languages":["ja","en"]}]"#
            ],
            currentDirectory: "/srv"
        )
        #expect(configuration.f5.voices.first?.languages == ["ja", "en"])
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(
                file: nil,
                environment: ["ISHOWTTS__F5__VOICES": #"[{"id":"w","reference_audio":"/c.wav","reference_text":"hi","languages":[]}]"#],
                currentDirectory: "/srv"
            )
        }
    }

    @Test func installedModelsStandInForF5WeightsAndMayBeTheDefaultVoice() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("ishowtts-models-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let environment = ["ISHOWTTS__DATA_DIR": data.path, "ISHOWTTS__F5__ENABLED": "true"]
        #expect {
            try ServerConfiguration.load(file: nil, environment: environment, currentDirectory: "/srv")
        } throws: { error in
            "\(error)".contains("f5.checkpoint: required key is missing: set it, or run `ishowtts models install f5-v1-base`")
        }
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(
                file: nil,
                environment: ["ISHOWTTS__DATA_DIR": data.path, "ISHOWTTS__DEFAULT_VOICE": "amy"],
                currentDirectory: "/srv"
            )
        }
        for name in ["f5-v1-base", "amy"] {
            try FileManager.default.createDirectory(at: data.appendingPathComponent("models/\(name)"), withIntermediateDirectories: true)
        }
        #expect(try ServerConfiguration.load(file: nil, environment: environment, currentDirectory: "/srv").f5.checkpoint == nil)
        let withDefault = ["ISHOWTTS__DATA_DIR": data.path, "ISHOWTTS__DEFAULT_VOICE": "amy"]
        #expect(try ServerConfiguration.load(file: nil, environment: withDefault, currentDirectory: "/srv").defaultVoice == "amy")
    }
}
