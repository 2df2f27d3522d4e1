import APIServer
import ArgumentParser
import CompositionRoot
import ServiceLifecycle
import Settings
import Speech

/// `ishowtts serve`: runs the HTTP API until SIGINT/SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server (default 127.0.0.1:27121)."
    )

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let (configuration, logger) = try options.loadConfiguration()
        let settings = configuration.httpSettings()
        let metrics = ServerMetrics()
        let chat: ChatSystem
        do {
            chat = try buildChatSystem(configuration: configuration, logger: logger, metrics: metrics.factory)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        let endpoints = chat.endpoints
        let notifier = ServiceManagerNotifier()
        // Sent once signals are handled gracefully, so a service manager (or a test) may stop the server from then on.
        let hooks = SpeechSystemHooks(loadingStarted: { notifier.notify("STATUS=loading voices") }, metrics: metrics.factory)
        let served: Bool? = try await options.withSpeechSystem(
            configuration: configuration,
            logger: logger,
            hooks: hooks,
            bodyShutdown: .drain
        ) { system in
            let voices = await VoiceLibrary.open(configuration: configuration, speech: system.speech, store: chat.store, logger: logger)
            let app = buildApplication(
                speech: system.speech,
                voices: voices,
                chat: endpoints,
                models: system.models,
                settings: settings,
                metrics: metrics,
                logger: logger
            ) { address in
                notifier.notify("READY=1\nSTATUS=listening on \(address)")
            }
            // Requests in flight finish after a signal; the service manager hears at once that the server is stopping.
            try await withGracefulShutdownHandler {
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask { try await chat.run(speech: system.speech) }
                    group.addTask { try await app.run() }
                }
            } onGracefulShutdown: {
                notifier.notify("STOPPING=1")
            }
            return true
        }
        // Stopped while loading (the load was abandoned), or after serving (a sentence whose client left may still be
        // rendering): either way native work may be running, so leave without tearing the libraries down.
        if served == nil { notifier.notify("STOPPING=1") }
        exitSkippingTeardown(0)
    }
}
