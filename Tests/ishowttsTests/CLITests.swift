import AudioIO
import Foundation
import SpeechCore
import TestSupport
import Testing

/// The real `ishowtts` binary, as a user runs it.
@Suite struct CLITests {
    let binary = ProjectPaths.builtProduct("ishowtts")
    /// Keep the built-in defaults pointing at the repository's models whatever the test's working directory.
    let environment = ["ISHOWTTS__PIPER__VOICES": #"[{"id":"joe","model":"\#(ProjectPaths.defaultPiperModel.path)"}]"#]

    @Test func helpListsTheSubcommands() async throws {
        let result = try await runProcess(binary, ["--help"])
        #expect(result.status == 0)
        for command in ["serve", "say", "voices"] { #expect(result.stdout.contains(command)) }
        for command in ["serve", "say", "voices"] {
            let sub = try await runProcess(binary, [command, "--help"])
            #expect(sub.status == 0)
            #expect(sub.stdout.contains("--config"))
        }
    }

    @Test func sayWritesSpeechToAWAVFile() async throws {
        let directory = try ProjectPaths.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("hello.wav")
        let result = try await runProcess(binary, ["say", "Hello chat, thanks for the follow!", "-o", output.path], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let audio = try AudioDecoder().decode(contentsOf: output)
        #expect(audio.sampleRate == 22050)
        #expect(audio.duration > 1 && audio.duration < 5)
        #expect(AudioAnalysis.rms(audio.samples) > 0.01)
    }

    @Test func sayPicksTheFormatFromTheExtension() async throws {
        let directory = try ProjectPaths.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("hello.flac")
        let result = try await runProcess(binary, ["say", "Flac please.", "-o", output.path], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try Data(contentsOf: output)
        #expect(bytes.prefix(4) == Data("fLaC".utf8))
    }

    @Test func voicesListsTheDefaultVoice() async throws {
        let result = try await runProcess(binary, ["voices"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("joe *"))
        #expect(result.stdout.contains("piper"))
    }

    @Test func invalidConfigurationExitsWithStatus2NamingTheKey() async throws {
        let directory = try ProjectPaths.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("bad.toml")
        try Data("[piper]\nmax_parallel = \"lots\"\n".utf8).write(to: config)
        let result = try await runProcess(binary, ["voices", "--config", config.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(config.path):2: piper.max_parallel: expected an integer"))
    }

    @Test func aFileWrittenForTheGlobalLimitSaysWhereItMoved() async throws {
        let directory = try ProjectPaths.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("old.toml")
        try Data("[api]\nmax_parallel = 4\n".utf8).write(to: config)
        let result = try await runProcess(binary, ["say", "hi", "-o", "/tmp/never.wav", "--config", config.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("api.max_parallel: this key has moved: use piper.max_parallel and f5.max_parallel"))
    }

    @Test func badEnvironmentOverrideExitsWithStatus2() async throws {
        let result = try await runProcess(binary, ["voices"], environment: ["ISHOWTTS__PIPER__MAX_PARALLEL": "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("ISHOWTTS__PIPER__MAX_PARALLEL: piper.max_parallel: 0 is out of range 1...64"))
    }

    @Test func emptyTextIsAClearErrorNotACrash() async throws {
        let result = try await runProcess(binary, ["say", "   ", "-o", "/tmp/never.wav"], environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("text must not be empty"))
    }

    @Test func unknownVoiceIsAClearError() async throws {
        let result = try await runProcess(binary, ["say", "hi", "--voice", "nobody", "-o", "/tmp/never.wav"], environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("unknown voice 'nobody'"))
    }
}
