public import Hummingbird
public import Logging
public import SpeechCore
import ServiceLifecycle

/// Assembles the HTTP application from a configuration and the engines built from it.
///
/// The CLI's `serve` and the tests call this same function.
/// ```swift
/// let engines = try await buildEngines(configuration: config, logger: logger)
/// let app = try await buildApplication(configuration: config, engines: engines, logger: logger)
/// try await app.runService()
/// ```
public func buildApplication(
    configuration: ServerConfiguration,
    engines: [any TTSEngine],
    logger: Logger
) async throws -> some ApplicationProtocol {
    let catalog = try await VoiceCatalog.build(engines: engines, defaultVoiceID: configuration.defaultVoice)
    let speech = SpeechService(
        catalog: catalog,
        maxTextCharacters: configuration.api.maxTextCharacters,
        maxParallel: configuration.api.maxParallel
    )
    let router = buildRouter(speech: speech, maxBodyBytes: configuration.api.maxBodyBytes)
    return Application(
        router: router,
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.bindAddress.host, port: configuration.bindAddress.port),
            serverName: "ishowtts"
        ),
        // Engines with background work (F5's worker supervisor) start before the server and stop after it.
        services: engines.compactMap { $0 as? any Service },
        onServerRunning: { channel in
            logger.info("iShowTTS is listening", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
        },
        logger: logger
    )
}

/// The routes of the API, with JSON errors everywhere.
func buildRouter(speech: SpeechService, maxBodyBytes: Int) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: JSONErrorMiddleware())
    let api = router.group("api")
    InfoRoutes(speech: speech).register(on: api)
    TTSRoutes(speech: speech, body: JSONBody(maxBytes: maxBodyBytes)).register(on: api)
    return router
}
