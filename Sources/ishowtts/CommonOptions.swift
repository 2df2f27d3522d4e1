import ArgumentParser
import CompositionRoot
import Foundation
import Logging
import Settings

/// Options every subcommand shares.
struct CommonOptions: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help: "TOML configuration file (default: config/ishowtts.toml when it exists, else built-in settings).",
        completion: .file(extensions: ["toml"])
    )
    var config: String?

    @Option(
        help: "Log level: trace, debug, info, notice, warning, error, critical (overrides the config).",
        transform: { text in
            guard let level = Logger.Level(rawValue: text.lowercased()) else { throw ValidationError("unknown log level '\(text)'") }
            return level
        }
    )
    var logLevel: Logger.Level?

    /// The file the configuration comes from: `--config`, else `config/ishowtts.toml` when it exists, else none.
    var configurationFile: String? {
        config ?? (FileManager.default.fileExists(atPath: ServerConfiguration.defaultFilePath) ? ServerConfiguration.defaultFilePath : nil)
    }

    /// Reads the configuration (file, environment, `--log-level`); throws ``ConfigurationError``.
    func readConfiguration() throws -> ServerConfiguration {
        var configuration = try ServerConfiguration.load(file: configurationFile, environment: ProcessInfo.processInfo.environment)
        if let logLevel { configuration.logLevel = logLevel }
        return configuration
    }

    /// Loads the configuration and sets up logging, or prints why not and exits with status 2.
    func loadConfiguration() throws -> (ServerConfiguration, Logger) {
        do {
            let configuration = try readConfiguration()
            let logger = bootstrapLogging(level: configuration.logLevel)
            for notice in configuration.notices { logger.warning("configuration: \(notice)") }
            return (configuration, logger)
        } catch {
            printError("invalid configuration: \(error)")
            throw ExitCode(2)
        }
    }

    /// Runs `body` inside the speech system (see ``withSpeechSystem(configuration:logger:hooks:shutdownSignals:bodyShutdown:_:)``);
    /// a system that cannot be built prints why and exits with status 2. `nil` when a signal stopped it first.
    func withSpeechSystem<Value: Sendable>(
        configuration: ServerConfiguration,
        logger: Logger,
        hooks: SpeechSystemHooks = SpeechSystemHooks(),
        bodyShutdown: BodyShutdown = .abandon,
        _ body: @escaping @Sendable (SpeechSystem) async throws -> Value
    ) async throws -> Value? {
        do {
            return try await CompositionRoot.withSpeechSystem(
                configuration: configuration,
                logger: logger,
                hooks: hooks,
                bodyShutdown: bodyShutdown,
                body
            )
        } catch let error as SpeechSystemError {
            printError(error.description)
            throw ExitCode(2)
        }
    }
}

/// Ends the process at once with `status`, without tearing native libraries down.
///
/// When the speech system has stopped, a voice may still be loading, or a sentence whose listener left may still be
/// rendering, inside ONNX Runtime on another thread; a normal `exit` would run the library's static destructors under
/// it and crash, so this leaves with `_exit`, as a process that abandoned native work must.
func exitSkippingTeardown(_ status: Int32) -> Never {
    fflush(nil)  // every C stream; FileHandle writes are unbuffered
    _exit(status)
}

/// Ends a one-shot command stopped by a signal (SIGINT or SIGTERM) before it finished, with status 130 (as shells
/// report an interrupted command).
func exitInterrupted() -> Never {
    printError("stopped by a signal before finishing")
    exitSkippingTeardown(130)
}

/// Sends log lines to stderr so stdout stays clean for command output.
func bootstrapLogging(level: Logger.Level) -> Logger {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
    var logger = Logger(label: "ishowtts")
    logger.logLevel = level
    return logger
}

/// Prints `message` to stderr, prefixed with the program name.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("ishowtts: \(message)\n".utf8))
}
