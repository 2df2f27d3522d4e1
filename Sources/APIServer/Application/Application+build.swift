public import Hummingbird
public import Logging
import NIOCore
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
/// - Parameter onListening: called with the bound address (`127.0.0.1:27121`) once the server accepts connections.
public func buildApplication(
    speech: SpeechService,
    settings: HTTPSettings,
    logger: Logger,
    onListening: @escaping @Sendable (String) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = buildRouter(speech: speech, maxBodyBytes: settings.maxBodyBytes)
    return Application(
        router: router,
        configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "ishowtts"),
        onServerRunning: { channel in
            let address = channel.localAddress.map(hostAndPort) ?? "?"
            logger.info("iShowTTS is listening", metadata: ["address": "\(address)"])
            await onListening(address)
        },
        logger: logger
    )
}

/// `127.0.0.1:27121`, `[::1]:27121`: the address as users write it in `bind_addr`.
private func hostAndPort(_ address: SocketAddress) -> String {
    let host = address.ipAddress ?? "?"
    let port = address.port.map(String.init) ?? "?"
    return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
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
