public import ChatSources
public import Gateway
public import Hummingbird
import HummingbirdWebSocket
public import Logging
import NIOCore
public import Speech

/// What the chat routes drive: the gateway (queue, events, settings) and the chat sources.
public struct ChatEndpoints: Sendable {
    /// The chat pipeline.
    public let gateway: ChatGateway
    /// Twitch chat, joined and left through `/api/danmaku/start|stop`.
    public let twitch: TwitchIRCClient

    /// Creates the endpoints' dependencies.
    public init(gateway: ChatGateway, twitch: TwitchIRCClient) {
        self.gateway = gateway
        self.twitch = twitch
    }
}

/// Assembles the HTTP application around the speech service.
///
/// `ishowtts serve` and the tests call this same function, inside ``withSpeechSystem`` (the composition root), which
/// loads and runs the engines; the application itself runs no engine.
/// ```swift
/// try await withSpeechSystem(configuration: configuration, logger: logger) { system in
///     try await buildApplication(speech: system.speech, settings: settings, logger: logger).run()
/// }
/// ```
/// - Parameters:
///   - chat: the chat pipeline behind `/api/danmaku/*`, `/api/queue*`, `/api/events` and the playback WebSockets;
///     `nil` serves speech only.
///   - onListening: called with the bound address (`127.0.0.1:27121`) once the server accepts connections.
public func buildApplication(
    speech: SpeechService,
    chat: ChatEndpoints? = nil,
    settings: HTTPSettings,
    logger: Logger,
    onListening: @escaping @Sendable (String) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = buildRouter(speech: speech, chat: chat, settings: settings)
    let webSockets = Router(context: BasicWebSocketRequestContext.self)
    webSockets.add(middleware: JSONErrorMiddleware())
    if let chat { PlaybackSockets(gateway: chat.gateway).register(on: webSockets) }
    return Application(
        router: router,
        server: .http1WebSocketUpgrade(webSocketRouter: webSockets),
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
func buildRouter(speech: SpeechService, chat: ChatEndpoints? = nil, settings: HTTPSettings) -> Router<BasicRequestContext> {
    let maxBodyBytes = settings.maxBodyBytes
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: JSONErrorMiddleware())
    let api = router.group("api")
    InfoRoutes(speech: speech).register(on: api)
    TTSRoutes(speech: speech, body: JSONBody(maxBytes: maxBodyBytes)).register(on: api)
    if let chat {
        ChatRoutes(speech: speech, gateway: chat.gateway, twitch: chat.twitch, body: JSONBody(maxBytes: maxBodyBytes)).register(on: api)
        EventRoutes(gateway: chat.gateway).register(on: api)
    }
    OpenAIRoutes(speech: speech, body: JSONBody(maxBytes: maxBodyBytes), voiceNames: OpenAIVoiceNames(aliases: settings.openAIVoices))
        .register(on: router.group("v1"))
    return router
}
