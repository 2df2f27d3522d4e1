import APIServer
import ArgumentParser
import CompositionRoot
import ServiceLifecycle
import Settings

/// `ishowtts serve`: runs the HTTP API until SIGINT/SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server (default 127.0.0.1:27121)."
    )

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let (configuration, logger) = try options.loadConfiguration()
        let settings = HTTPSettings(
            host: configuration.bindAddress.host,
            port: configuration.bindAddress.port,
            maxBodyBytes: configuration.api.maxBodyBytes
        )
        let notifier = ServiceManagerNotifier()
        notifier.notify("STATUS=loading voices")
        _ = try await options.withSpeechSystem(configuration: configuration, logger: logger) { system in
            let app = buildApplication(speech: system.speech, settings: settings, logger: logger) { address in
                notifier.notify("READY=1\nSTATUS=listening on \(address)")
            }
            try await app.run()
            notifier.notify("STOPPING=1")
        }
    }
}
