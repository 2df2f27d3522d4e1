import Foundation
import HTTPTypes
import Settings
import TestSupport
import Testing

@testable import APIServer

/// Every route of the running server × no key / player key / admin key, over real sockets.
@Suite struct KeyScopeTests {
    static let adminKey = "admin-0123456789abcdef"
    static let playerKey = "player-0123456789abcdef"

    static func configuration() -> ServerConfiguration {
        var configuration = ChatEndToEndTests.configuration()
        configuration.api.adminKeys = [adminKey]
        configuration.api.playerKeys = [playerKey]
        return configuration
    }

    /// What a player may reach (besides `/api/health`, open to all): the playback streams, events, queued audio.
    static let playerRoutes: Set<String> = ["GET /api/events", "GET /api/danmaku/stream", "GET /api/queue/{id}/audio"]
    static let openRoutes: Set<String> = ["GET /api/health", "GET /openapi.json", "GET /", "GET /overlay"]

    @Test func everyRouteAsksForTheRightScope() async throws {
        try await TestServer.withServer(configuration: Self.configuration()) { server in
            #expect(server.routes.count >= 20)
            for (method, path) in server.routes {
                let name = "\(method) \(path)"
                let concrete = path.replacing(/\{[^}]*\}/, with: "x")
                let none = try await RawHTTPProbe.send(method.rawValue, concrete, port: server.port)
                let player = try await RawHTTPProbe.send(method.rawValue, concrete, headers: Self.bearer(Self.playerKey), port: server.port)
                let admin = try await RawHTTPProbe.send(method.rawValue, concrete, headers: Self.bearer(Self.adminKey), port: server.port)
                let wrong = try await RawHTTPProbe.send(method.rawValue, concrete, headers: Self.bearer(Self.adminKey + "x"), port: server.port)
                if Self.openRoutes.contains(name) {
                    #expect(![401, 403].contains(none.status), "\(name) without a key: \(none.status)")
                } else {
                    #expect(none.status == 401, "\(name) without a key: \(none.status)")
                    #expect(none.headers["www-authenticate"] == "Bearer")
                    #expect(wrong.status == 401, "\(name) with a wrong key: \(wrong.status)")
                }
                if Self.playerRoutes.contains(name) || Self.openRoutes.contains(name) {
                    #expect(![401, 403].contains(player.status), "\(name) with the player key: \(player.status)")
                } else {
                    #expect(player.status == 403, "\(name) with the player key: \(player.status)")
                }
                #expect(![401, 403].contains(admin.status), "\(name) with the admin key: \(admin.status)")
            }
        }
    }

    @Test func webSocketsTakeTheKeyFromTheQuery() async throws {
        try await TestServer.withServer(configuration: Self.configuration()) { server in
            #expect(server.webSocketPaths.sorted() == ["/api/danmaku/stream", "/api/events"])
            for path in server.webSocketPaths {
                let statuses = [
                    try await Self.upgrade(path, port: server.port).status,
                    try await Self.upgrade(path + "?key=\(Self.adminKey)x", port: server.port).status,
                    try await Self.upgrade(path + "?key=\(Self.playerKey)", port: server.port).status,
                    try await Self.upgrade(path + "?key=\(Self.adminKey)", port: server.port).status,
                ]
                // hummingbird-websocket answers every refused upgrade 400 (a browser's WebSocket never shows it).
                #expect(statuses == [400, 400, 101, 101], "\(path)")
            }
        }
    }

    @Test func unauthorizedAnswersAreJSONInEachFamilysShape() async throws {
        try await TestServer.withServer(configuration: Self.configuration()) { server in
            let api = try await RawHTTPProbe.send("GET", "/api/voices", port: server.port)
            #expect(api.status == 401)
            let v1 = try await RawHTTPProbe.send("GET", "/v1/models", headers: Self.bearer(Self.playerKey), port: server.port)
            #expect(v1.status == 403)
            let body = try JSONSerialization.jsonObject(with: Data(v1.bodyPrefix)) as? [String: [String: Any]]
            #expect(body?["error"]?["type"] as? String == "permission_error")
            #expect(body?["error"]?["code"] as? String == "insufficient_scope")
        }
    }

    @Test func keysCompareByContentOnly() {
        let keys = APIKeys(admin: [Self.adminKey], player: [Self.playerKey])
        #expect(keys.scope(of: Self.adminKey) == .admin)
        #expect(keys.scope(of: Self.playerKey) == .player)
        #expect(keys.scope(of: String(Self.adminKey.dropLast())) == nil)
        #expect(keys.scope(of: Self.adminKey + "0") == nil)
        #expect(keys.scope(of: "") == nil)
        #expect(APIKeys().isEmpty)
    }

    static func bearer(_ key: String) -> [(String, String)] { [("Authorization", "Bearer \(key)")] }

    /// A WebSocket upgrade request, answered `101` when accepted.
    static func upgrade(_ path: String, port: Int, origin: String? = nil) async throws -> RawHTTPProbe {
        var headers = [
            ("Connection", "Upgrade"), ("Upgrade", "websocket"), ("Sec-WebSocket-Version", "13"),
            ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
        ]
        if let origin { headers.append(("Origin", origin)) }
        return try await RawHTTPProbe.send("GET", path, headers: headers, port: port)
    }
}
