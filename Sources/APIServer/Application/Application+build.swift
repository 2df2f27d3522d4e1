public import Hummingbird
public import Logging
public import Speech

/// Assembles the HTTP application around the speech service.
///
/// `ishowtts serve` and the tests call this same function, inside ``withSpeechSystem`` (the composition root), which
/// loads and runs the engines; the application itself runs no engine.
/// ```swift
/// try await withSpeechSystem(configuration: configuration, logger: logger) { system in
///     try await buildApplication(speech: system.speech, settings: settings, logger: logger).run()
/// }
/// ```
public func buildApplication(speech: SpeechService, settings: HTTPSettings, logger: Logger) -> some ApplicationProtocol {
    let router = buildRouter(speech: speech, maxBodyBytes: settings.maxBodyBytes)
    return Application(
        router: router,
        configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "ishowtts"),
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
