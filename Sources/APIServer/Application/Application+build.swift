public import ChatSources
public import Gateway
public import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
public import Logging
public import Models
import NIOCore
public import Speech

/// What the chat routes drive: the gateway (queue, events, settings), the chat sources and their sign-ins.
public struct ChatEndpoints: Sendable {
    /// The chat pipeline.
    public let gateway: ChatGateway
    /// Twitch chat, joined and left through `/api/danmaku/start|stop`.
    public let twitch: TwitchChat
    /// YouTube live chat, started and stopped the same way.
    public let youtube: YouTubeChatClient
    /// Platform sign-ins by provider (`twitch`, `youtube`), driven through `/api/auth/{provider}`.
    public let signIns: [String: DeviceSignIn]

    /// Creates the endpoints' dependencies.
    public init(gateway: ChatGateway, twitch: TwitchChat, youtube: YouTubeChatClient, signIns: [String: DeviceSignIn] = [:]) {
        self.gateway = gateway
        self.twitch = twitch
        self.youtube = youtube
        self.signIns = signIns
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
///   - voices: the voice library behind `POST /api/voices` and `/api/voices/{id}`; `nil` lists the catalog only.
///   - chat: the chat pipeline behind `/api/danmaku/*`, `/api/queue*`, `/api/events` and the playback WebSockets;
///     `nil` serves speech only.
///   - models: installing models by name behind `/api/models*`; `nil` leaves those routes out.
///   - metrics: the registry every module records into; requests are counted in it and `/metrics` shows it.
///   - onListening: called with the bound address (`127.0.0.1:27121`) once the server accepts connections.
public func buildApplication(
    speech: SpeechService,
    voices: VoiceLibrary? = nil,
    chat: ChatEndpoints? = nil,
    models: ModelService? = nil,
    settings: HTTPSettings,
    metrics: ServerMetrics? = nil,
    logger: Logger,
    onListening: @escaping @Sendable (String) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = buildRouter(speech: speech, voices: voices, chat: chat, models: models, settings: settings, metrics: metrics)
    let webSockets = buildWebSocketRouter(chat: chat, settings: settings, metrics: metrics)
    if !settings.isLoopbackOnly, settings.keys.isEmpty {
        logger.warning(
            "listening beyond this machine without an API key: anyone who can reach it can use it; set api.admin_keys",
            metadata: ["host": "\(settings.host)"]
        )
    }
    let idleTimeout = TimeAmount.nanoseconds(Int64(settings.idleTimeout.components.seconds) * 1_000_000_000)
    let upgradeConfiguration = HTTP1WebSocketUpgradeChannel.Configuration(http1: .init(idleTimeout: idleTimeout))
    let webSocketResponder = webSockets.buildResponder()
    let server = HTTPServerBuilder { responder in
        RequestHeadDeadlineChannel(
            inner: HTTP1WebSocketUpgradeChannel(responder: responder, webSocketResponder: webSocketResponder, configuration: upgradeConfiguration),
            timeout: idleTimeout
        )
    }
    return Application(
        router: router,
        server: server,
        configuration: ApplicationConfiguration(
            address: .hostname(settings.host, port: settings.port),
            serverName: "ishowtts",
            // Every player, overlay and panel reconnects at once after a restart: a deeper accept queue than
            // Hummingbird's 256 keeps such a burst from dropping connection attempts (the kernel caps it at somaxconn).
            backlog: 1024,
            availableConnectionsDelegate: MaximumAvailableConnections(settings.maxConnections, logger: logger)
        ),
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

/// The routes of the API, behind the web-origin checks and the keys, with JSON errors everywhere.
func buildRouter(
    speech: SpeechService,
    voices: VoiceLibrary? = nil,
    chat: ChatEndpoints? = nil,
    models: ModelService? = nil,
    settings: HTTPSettings,
    metrics: ServerMetrics? = nil
) -> Router<APIRequestContext> {
    let router = Router(context: APIRequestContext.self)
    addCommonMiddleware(to: router, settings: settings, metrics: metrics, everyRequestChangesState: false)
    router.add(middleware: ClientSynthesisLimitMiddleware(limit: settings.maxSynthesesPerClient))
    let api = router.group("api")
    InfoRoutes(speech: speech, library: voices).register(on: api)
    if let voices {
        VoiceRoutes(library: voices, speech: speech, body: settings.jsonBody, maxUploadBytes: settings.maxUploadBytes).register(on: api)
        VoiceReferenceRoutes(library: voices, body: settings.jsonBody, maxUploadBytes: settings.maxUploadBytes).register(on: api)
    }
    TTSRoutes(speech: speech, body: settings.jsonBody).register(on: api)
    if let chat {
        ChatRoutes(speech: speech, chat: chat, body: settings.jsonBody).register(on: api)
        SignInRoutes(signIns: chat.signIns).register(on: api)
        EventRoutes(gateway: chat.gateway).register(on: api)
    }
    if let models { ModelRoutes(models: models, body: settings.jsonBody).register(on: api) }
    OpenAIRoutes(speech: speech, library: voices, body: settings.jsonBody, voiceNames: OpenAIVoiceNames(aliases: settings.openAIVoices))
        .register(on: router.group("v1"))
    if let metrics { MetricsRoutes(metrics: metrics, gateway: chat?.gateway).register(on: router) }
    OpenAPIRoutes().register(on: router)
    if let directory = settings.webDirectory { WebRoutes(directory: directory).register(on: router) }
    return router
}

/// The WebSocket upgrades (the playback streams), with the same checks as every other route.
func buildWebSocketRouter(chat: ChatEndpoints?, settings: HTTPSettings, metrics: ServerMetrics? = nil) -> Router<BasicWebSocketRequestContext> {
    let router = Router(context: BasicWebSocketRequestContext.self)
    addCommonMiddleware(to: router, settings: settings, metrics: metrics, everyRequestChangesState: true)
    if let chat { PlaybackSockets(gateway: chat.gateway).register(on: router) }
    return router
}

/// Logging and metrics, then the web-origin checks (outside the error middleware, so refused and failed answers carry
/// CORS headers too), then JSON errors, then the keys.
private func addCommonMiddleware<Context: RequestContext>(
    to router: Router<Context>,
    settings: HTTPSettings,
    metrics: ServerMetrics?,
    everyRequestChangesState: Bool
) {
    router.add(middleware: RequestObserverMiddleware(metrics: metrics?.factory))
    router.add(middleware: WebOriginMiddleware(policy: settings.webOrigins, everyRequestChangesState: everyRequestChangesState))
    router.add(middleware: JSONErrorMiddleware())
    router.add(middleware: AuthMiddleware(keys: settings.keys))
}
