import APIServer
import ArgumentParser
import Hummingbird

/// `ishowtts serve`: runs the HTTP API until SIGINT/SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server (default 127.0.0.1:27121)."
    )

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let (configuration, engines, logger) = try await options.loadEngines()
        do {
            let app = try await buildApplication(configuration: configuration, engines: engines, logger: logger)
            try await app.runService()
        } catch let error as VoiceCatalogError {
            printError("invalid configuration: \(error)")
            throw ExitCode(2)
        }
    }
}
