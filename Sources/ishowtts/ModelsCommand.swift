import ArgumentParser
import CompositionRoot
import Foundation
import Models
import Settings

/// `ishowtts models list|install|remove`: Piper voices from the public catalog and the F5-TTS weights, by name, into
/// the data directory; the server finds them at start (and `POST /api/models/install` loads them while it runs).
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List, install and remove voices and weights by name.",
        subcommands: [List.self, Install.self, Remove.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the models that can be installed, marking the installed ones.")

        @OptionGroup var options: CommonOptions

        @Option(help: "Only models speaking this language (a primary subtag such as zh, or a tag such as en-GB).")
        var language: String?

        func run() async throws {
            let installer = try ModelsCommand.installer(options)
            let installed = Set(installer.installed().map(\.name))
            let entries: [ModelEntry]
            do {
                entries = try await installer.catalog()
            } catch {
                throw ModelsCommand.failure(error)
            }
            let shown = entries.filter { entry in language.map { entry.speaks($0) } ?? true }
            for entry in shown {
                let size = entry.sizeBytes.map(ModelInstaller.megabytes) ?? "size at install"
                let mark = installed.contains(entry.name) ? "*" : " "
                print(
                    "\(mark) \(entry.name.padding(toLength: 32, withPad: " ", startingAt: 0)) \(size.padding(toLength: 16, withPad: " ", startingAt: 0)) \(entry.summary)"
                )
            }
            print("\(shown.count) model(s); * installed in \(installer.sources.directory.path)")
        }
    }

    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download models into the data directory, resuming partial downloads and checking every file.",
            discussion: "Each model's licence is shown first; answer y, or pass --yes to accept them all (needed without a terminal)."
        )

        @OptionGroup var options: CommonOptions

        @Argument(help: "Model names, as `ishowtts models list` shows them (en_US-amy-medium, f5-v1-base).")
        var names: [String]

        @Flag(name: .shortAndLong, help: "Accept the licences without asking.")
        var yes = false

        func run() async throws {
            let installer = try ModelsCommand.installer(options)
            for name in names {
                do {
                    let entry = try await installer.entry(name)
                    for required in entry.requires + [name] where installer.installed(required) == nil {
                        let license = try await installer.license(of: try await installer.entry(required))
                        print("\(required): licence: \(license)")
                        guard try accept(required) else {
                            printError("\(required): not installed (licence not accepted)")
                            throw ExitCode(1)
                        }
                    }
                    let progress = ProgressBar(events: installer.events)
                    let installed = try await installer.install(name)
                    await progress.stop()
                    if installed.isEmpty { print("\(name): already installed") }
                    for model in installed {
                        print("\(model.name): installed in \(model.folder.path) (\(ModelInstaller.megabytes(model.sizeBytes)))")
                    }
                } catch let error as ModelInstallError {
                    throw ModelsCommand.failure(error)
                }
            }
        }

        private func accept(_ name: String) throws -> Bool {
            if yes { return true }
            guard isatty(STDIN_FILENO) == 1 else {
                printError("pass --yes to accept the licence shown above (no terminal to ask on)")
                throw ExitCode(2)
            }
            print("Install \(name) under this licence? [y/N] ", terminator: "")
            return readLine()?.lowercased().hasPrefix("y") == true
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete installed models (a running server keeps a loaded voice until it restarts)."
        )

        @OptionGroup var options: CommonOptions

        @Argument(help: "Installed model names.")
        var names: [String]

        func run() async throws {
            let installer = try ModelsCommand.installer(options)
            for name in names {
                do {
                    let model = try await installer.remove(name)
                    print("\(name): removed (\(ModelInstaller.megabytes(model.sizeBytes)) freed)")
                } catch {
                    throw ModelsCommand.failure(error)
                }
            }
        }
    }

    static func installer(_ options: CommonOptions) throws -> ModelInstaller {
        do {
            return ModelInstaller(sources: try options.readConfiguration().modelSources())
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
    }

    /// Prints the error and gives the exit code: 1 for what went wrong out there, 2 for a name that does not exist.
    static func failure(_ error: ModelInstallError) -> ExitCode {
        printError(error.message)
        return ExitCode(error.code == .unknownModel || error.code == .notInstalled ? 2 : 1)
    }
}

/// A one-line progress bar on standard error, fed by the installer's events.
private final class ProgressBar: Sendable {
    private let task: Task<Void, Never>

    init(events: ModelInstallEvents) {
        let stream = events.subscribe()
        task = Task {
            for await event in stream {
                switch event.state {
                case .downloading:
                    let total = event.totalBytes ?? 0
                    let fraction = total > 0 ? min(1, Double(event.bytes) / Double(total)) : 0
                    let filled = Int(fraction * 30)
                    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
                    let line = "\r\(event.name) [\(bar)] \(Int(fraction * 100))% \(ModelInstaller.megabytes(event.bytes))"
                    FileHandle.standardError.write(Data(line.utf8))
                case .verifying, .installed, .ready, .failed, .removed:
                    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
                }
            }
        }
    }

    func stop() async {
        task.cancel()
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
