import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import Synchronization

/// A server on 127.0.0.1 that speaks Twitch's EventSub WebSocket transport (welcome, keepalives, notifications,
/// `session_reconnect`, revocations), the Helix endpoints a reader calls (`users`, `eventsub/subscriptions`) and the
/// device-flow token endpoints, in Twitch's documented JSON. The test drives each connection.
public final class TwitchEventSubTestServer: Sendable {
    /// Users, tokens and subscriptions.
    public let backend: TwitchTestBackend
    /// The port it listens on.
    public var port: Int { application.port }
    private let application: LocalTestApplication
    private let connections: AsyncStream<EventSubTestConnection>

    /// `[twitch] eventsub_url`.
    public var webSocketURL: String { "ws://127.0.0.1:\(port)/ws" }
    /// `[twitch] helix_url`.
    public var helixURL: String { "http://127.0.0.1:\(port)/helix" }
    /// `[twitch] auth_url`.
    public var authURL: String { "http://127.0.0.1:\(port)/oauth2" }

    /// Starts listening on an ephemeral port. Every new connection is greeted with a welcome announcing
    /// `keepaliveSeconds` unless `welcome` is false; its session id is `session-N`, or the one of the session it moves
    /// (`/ws?session=…`).
    /// With `keepaliveEvery`, each connection also gets a `session_keepalive` at that pace, as Twitch sends them.
    public static func start(
        keepaliveSeconds: Int = 60,
        keepaliveEvery: Duration? = nil,
        welcome: Bool = true
    ) async throws -> TwitchEventSubTestServer {
        let backend = TwitchTestBackend()
        let (connections, announce) = AsyncStream.makeStream(of: EventSubTestConnection.self)
        let sessions = Mutex(0)

        let webSockets = Router(context: BasicWebSocketRequestContext.self)
        webSockets.ws("ws") { _, _ in
            .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let moved = context.request.uri.queryParameters["session"].map(String.init)
            let number = sessions.withLock { count in
                count += 1
                return count
            }
            let session = moved ?? "session-\(number)"
            let connection = EventSubTestConnection(target: context.request.uri.description, sessionID: session)
            defer { connection.closed() }
            if welcome { connection.welcome(keepaliveSeconds: keepaliveSeconds) }
            announce.yield(connection)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { for try await _ in inbound {} }  // ends when the client closes
                group.addTask { for await text in connection.messages { try await outbound.write(.text(text)) } }
                if let keepaliveEvery {
                    group.addTask {
                        while true {
                            try await Task.sleep(for: keepaliveEvery)
                            connection.keepalive()
                        }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
        let application = try await LocalTestApplication.start(
            router: TwitchTestRoutes(backend: backend).router(),
            // Idle keep-alive connections close after a second: the platform client pools them for minutes, and a
            // graceful shutdown would otherwise wait for that.
            server: .http1WebSocketUpgrade(webSocketRouter: webSockets, configuration: .init(http1: .init(idleTimeout: .seconds(1)))),
            label: "TwitchEventSubTestServer"
        )
        return TwitchEventSubTestServer(backend: backend, application: application, connections: connections)
    }

    private init(backend: TwitchTestBackend, application: LocalTestApplication, connections: AsyncStream<EventSubTestConnection>) {
        self.backend = backend
        self.application = application
        self.connections = connections
    }

    /// Waits for the next client connection.
    public func nextConnection() async -> EventSubTestConnection? {
        var iterator = connections.makeAsyncIterator()
        return await iterator.next()
    }

    /// Where a `session_reconnect` sends the client to continue `sessionID`.
    public func reconnectURL(for sessionID: String) -> String { "\(webSocketURL)?session=\(sessionID)" }

    /// Stops the server.
    public func stop() async { await application.stop() }
}

/// The local Twitch server's HTTP routes: Helix and the device-flow endpoints.
struct TwitchTestRoutes: Sendable {
    let backend: TwitchTestBackend

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let helix = router.group("helix")
        helix.get("users") { request, _ in
            await backend.record("GET /helix/users")
            guard await authorized(request) else { return try Self.unauthorized() }
            let logins = request.uri.queryParameters.getAll("login").map { String($0) }
            return try Self.json(await backend.usersAnswer(logins: logins), status: 200)
        }
        helix.post("eventsub/subscriptions") { request, _ in
            await backend.record("POST /helix/eventsub/subscriptions")
            guard await authorized(request) else { return try Self.unauthorized() }
            let body = try await request.body.collect(upTo: 65_536)
            guard let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
                let type = object["type"] as? String, let condition = object["condition"] as? [String: String],
                let transport = object["transport"] as? [String: String], let session = transport["session_id"]
            else { return try Self.json(["status": 400, "message": "invalid body"], status: 400) }
            guard let created = await backend.subscribe(type: type, condition: condition, sessionID: session) else {
                return try Self.json(["status": 409, "message": "subscription already exists"], status: 409)
            }
            return try Self.json(created, status: 202)
        }
        helix.delete("eventsub/subscriptions") { request, _ in
            await backend.record("DELETE /helix/eventsub/subscriptions")
            guard await authorized(request) else { return try Self.unauthorized() }
            let found = await backend.unsubscribe(id: request.uri.queryParameters["id"].map(String.init) ?? "")
            return Response(status: found ? .noContent : .notFound)
        }
        router.get("oauth2/validate") { request, _ in
            await backend.record("GET /oauth2/validate")
            let header = request.headers[.authorization] ?? ""
            guard header.hasPrefix("OAuth "), await backend.isValid(String(header.dropFirst(6))) else {
                return try Self.json(["status": 401, "message": "invalid access token"], status: 401)
            }
            return try Self.json(
                ["client_id": TwitchTestBackend.clientID, "login": "readerbot", "scopes": ["user:read:chat"], "user_id": "2002", "expires_in": 5000],
                status: 200
            )
        }
        router.post("oauth2/device") { request, _ in
            await backend.record("POST /oauth2/device")
            return try Self.json(
                [
                    "device_code": "twitch-device-code", "expires_in": 1800, "interval": 1, "user_code": TwitchTestBackend.userCode,
                    "verification_uri": "https://www.twitch.tv/activate?public=true&device-code=\(TwitchTestBackend.userCode)",
                ],
                status: 200
            )
        }
        router.post("oauth2/token") { request, _ in
            await backend.record("POST /oauth2/token")
            let buffer = try await request.body.collect(upTo: 65_536)
            var components = URLComponents()
            components.percentEncodedQuery = String(buffer: buffer)
            var form: [String: String] = [:]
            for item in components.queryItems ?? [] { form[item.name] = item.value ?? "" }
            let answer = await backend.tokenAnswer(form: form)
            return try Self.json(answer.body, status: answer.status)
        }
        return router
    }

    private func authorized(_ request: Request) async -> Bool {
        await backend.isAuthorized(request.headers[.authorization], clientID: request.headers[values: .clientID].first)
    }

    private static func unauthorized() throws -> Response {
        try json(["error": "Unauthorized", "status": 401, "message": "Invalid OAuth token"], status: 401)
    }

    private static func json(_ object: [String: any Sendable], status: Int) throws -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object)))
        )
    }
}

extension HTTPField.Name {
    fileprivate static let clientID = Self("Client-Id")!
}
