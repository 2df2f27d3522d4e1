import ArgumentParser
import CompositionRoot
import F5Engine
import Foundation
import Logging
import Models
import PiperEngine
import Settings
import SpeechCore

/// `ishowtts doctor`: checks the configuration, the Piper voices and the F5 worker, one line per check.
///
/// Exits 0 when every check passes, 1 otherwise.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the configuration, the voices and (when enabled) the F5 worker; exit 1 if anything is wrong.",
        discussion: "For F5 it starts the worker once per device to ask its Python, PyTorch and device, and checks that the model files exist."
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "Seconds to wait for the F5 worker's hello (importing PyTorch can be slow).")
    var workerTimeout = 180

    func run() async throws {
        var report = DoctorReport()
        let configuration: ServerConfiguration
        do {
            let fileConfiguration = try options.readConfiguration()
            let installed = ModelInstaller(sources: fileConfiguration.modelSources()).installed()
            configuration = fileConfiguration.addingInstalledModels(installed)
            report.pass("configuration", options.configurationFile ?? "built-in defaults")
            Self.reportModels(installed, configuration: configuration, into: &report)
        } catch {
            report.fail("configuration", "\(error)")
            print(report.text)
            throw ExitCode(1)
        }
        let logger = bootstrapLogging(level: options.logLevel ?? .warning)

        await checkPiper(configuration, logger: logger, into: &report)
        if configuration.f5.enabled {
            await checkF5(configuration.f5, logger: logger, into: &report)
        } else {
            report.note("f5", "disabled ([f5] enabled = false)")
        }
        print(report.text)
        if report.failed { throw ExitCode(1) }
    }

    private func checkPiper(_ configuration: ServerConfiguration, logger: Logger, into report: inout DoctorReport) async {
        do {
            let engine = try await buildPiperEngine(settings: configuration.piper, logger: logger)
            for voice in await engine.voices() {
                report.pass("piper voice \(voice.id)", "\(voice.language), \(voice.sampleRate) Hz")
            }
        } catch {
            report.fail("piper voices", error.message)
        }
    }

    private func checkF5(_ settings: F5Settings, logger: Logger, into report: inout DoctorReport) async {
        let files: [(String, String?, Bool)] = [
            ("f5 python", settings.python, true),
            ("f5 worker package", URL(fileURLWithPath: settings.workerPath).appendingPathComponent("ishowtts_worker").path, true),
            ("f5 checkpoint", settings.checkpoint, settings.mode == .checkpoint),
            ("f5 vocab", settings.vocab, settings.mode == .checkpoint),
            ("f5 vocoder", settings.vocoder, false),
        ]
        for (name, path, required) in files {
            guard let path else {
                if required {
                    report.fail(name, "not configured")
                } else {
                    report.note(name, name == "f5 vocoder" ? "not set (random-init Vocos)" : "not needed in random-init mode")
                }
                continue
            }
            if FileManager.default.fileExists(atPath: path) {
                report.pass(name, path)
            } else {
                report.fail(name, "\(path) does not exist")
            }
        }
        do {
            let engine = try await buildF5Engine(settings: settings, logger: logger)
            for voice in await engine.voices() { report.pass("f5 voice \(voice.id)", "reference prepared (\(voice.language))") }
        } catch {
            report.fail("f5 voices", error.message)
        }
        let command = settings.engineSettings().pool.command
        for device in settings.devices {
            do {
                let hello = try await F5WorkerProbe.hello(command: command, device: device, timeout: .seconds(workerTimeout), logger: logger)
                let detail = [
                    "python \(hello.python ?? "?")", "torch \(hello.torch ?? "?")",
                    "device \(hello.device ?? "?") (\(hello.deviceName ?? "?"))", "worker \(hello.workerVersion ?? "?")",
                ].joined(separator: ", ")
                if let reported = hello.device, !Self.sameDevice(reported, device) {
                    report.fail("f5 worker on \(device)", "the worker would run on \(reported): \(detail)")
                } else {
                    report.pass("f5 worker on \(device)", detail)
                }
            } catch {
                report.fail("f5 worker on \(device)", "\(error)")
            }
        }
    }

    /// The models installed by name, and what F5 still lacks that `ishowtts models install` would bring.
    private static func reportModels(_ installed: [InstalledModel], configuration: ServerConfiguration, into report: inout DoctorReport) {
        for model in installed {
            let languages = model.languages.isEmpty ? "" : ", " + model.languages.joined(separator: " ")
            report.pass(
                "model \(model.name)",
                "\(model.kind.rawValue)\(languages), \(ModelInstaller.megabytes(model.sizeBytes)), licence: \(model.license ?? "?")"
            )
        }
        if installed.isEmpty { report.note("models", "none installed by name (`ishowtts models list`)") }
        let f5 = configuration.f5
        guard f5.mode == .checkpoint else { return }
        var lacking: [String] = []
        if f5.checkpoint == nil || f5.vocab == nil {
            lacking.append("checkpoint and vocab: `ishowtts models install \(F5Settings.installedWeightsName)`")
        }
        if f5.vocoder == nil { lacking.append("vocoder: `ishowtts models install \(F5Settings.installedVocoderName)`") }
        if lacking.isEmpty {
            report.pass("f5 weights", "checkpoint, vocab and vocoder are there")
        } else if f5.enabled {
            report.fail("f5 weights", "missing " + lacking.joined(separator: "; "))
        } else {
            report.note("f5 weights", "for F5 the server still needs " + lacking.joined(separator: "; "))
        }
    }

    /// `cuda` and `cuda:0` name the same device.
    private static func sameDevice(_ a: String, _ b: String) -> Bool {
        func normalised(_ device: String) -> String { device == "cuda" ? "cuda:0" : device }
        return normalised(a) == normalised(b)
    }
}

/// The lines `doctor` prints: `ok`, `FAIL` or `--` (not checked), then what and why.
struct DoctorReport {
    private(set) var lines: [String] = []
    private(set) var failed = false

    mutating func pass(_ what: String, _ detail: String) { lines.append("ok    \(what): \(detail)") }
    mutating func note(_ what: String, _ detail: String) { lines.append("--    \(what): \(detail)") }
    mutating func fail(_ what: String, _ detail: String) {
        failed = true
        lines.append("FAIL  \(what): \(detail)")
    }

    var text: String { (lines + [failed ? "some checks failed" : "all checks passed"]).joined(separator: "\n") }
}
