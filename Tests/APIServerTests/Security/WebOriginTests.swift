import Foundation
import Settings
import TestSupport
import Testing

@testable import APIServer

/// With no API key set, web pages the streamer opens still cannot steer the server: forged `Host` (DNS rebinding)
/// and `Origin` headers, over real sockets.
@Suite struct WebOriginTests {
    static let panel = "http://localhost:3000"

    static func configuration() -> ServerConfiguration {
        var configuration = ChatEndToEndTests.configuration()
        configuration.api.corsOrigins = [panel]
        configuration.api.allowedHosts = ["mypc.local"]
        return configuration
    }

    @Test func onlyLoopbackNamesAddressesAndListedHostsAreAnswered() async throws {
        try await TestServer.withServer(configuration: Self.configuration()) { server in
            for host in ["127.0.0.1:\(server.port)", "localhost:\(server.port)", "[::1]:\(server.port)", "192.168.1.20", "MyPC.local:80"] {
                let probe = try await RawHTTPProbe.send("GET", "/api/health", headers: [("Host", host)], port: server.port)
                #expect(probe.status == 200, "Host \(host)")
            }
            for host in ["evil.example", "evil.example:\(server.port)", "127.0.0.1.evil.example"] {
                let probe = try await RawHTTPProbe.send("GET", "/api/voices", headers: [("Host", host)], port: server.port)
                #expect(probe.status == 421, "Host \(host)")
                #expect(String(decoding: probe.bodyPrefix, as: UTF8.self).contains("host_not_allowed"))
            }
        }
    }

    @Test func crossSitePagesCannotChangeStateOrOpenSockets() async throws {
        try await TestServer.withServer(configuration: Self.configuration()) { server in
            let evil = [("Origin", "https://evil.example")]
            // A form post (a "simple" request: no preflight), multipart as an upload would be, and JSON.
            let form = try await RawHTTPProbe.send(
                "POST",
                "/api/queue/clear",
                headers: evil + [("Content-Type", "multipart/form-data; boundary=x")],
                port: server.port
            )
            #expect(form.status == 403)
            #expect(String(decoding: form.bodyPrefix, as: UTF8.self).contains("cross_origin_refused"))
            let json = try await RawHTTPProbe.send(
                "POST",
                "/api/tts",
                headers: evil + [("Content-Type", "application/json")],
                body: Array(#"{"text":"hi"}"#.utf8),
                port: server.port
            )
            #expect(json.status == 403)
            // hummingbird-websocket answers every refused upgrade 400; the same upgrade from the server's own page is accepted.
            #expect(try await KeyScopeTests.upgrade("/api/danmaku/stream", port: server.port, origin: "https://evil.example").status == 400)
            // Reading is allowed (the browser hides the answer: no CORS header), changing nothing.
            let read = try await RawHTTPProbe.send("GET", "/api/health", headers: evil, port: server.port)
            #expect(read.status == 200)
            #expect(read.headers["access-control-allow-origin"] == nil)
            // The server's own pages are same-origin.
            let own = [("Origin", "http://127.0.0.1:\(server.port)")]
            #expect(try await RawHTTPProbe.send("POST", "/api/queue/pause", headers: own, port: server.port).status == 200)
            #expect(try await KeyScopeTests.upgrade("/api/danmaku/stream", port: server.port, origin: own[0].1).status == 101)
        }
    }

    @Test func listedOriginsGetCORSAnswersErrorsIncluded() async throws {
        try await TestServer.withServer(configuration: Self.configuration()) { server in
            let preflight = try await RawHTTPProbe.send(
                "OPTIONS",
                "/api/queue/x",
                headers: [("Origin", Self.panel), ("Access-Control-Request-Method", "DELETE"), ("Access-Control-Request-Headers", "authorization")],
                port: server.port
            )
            #expect(preflight.status == 204)
            #expect(preflight.headers["access-control-allow-origin"] == Self.panel)
            let methods = preflight.headers["access-control-allow-methods"] ?? ""
            #expect(methods.contains("DELETE") && methods.contains("PATCH"))
            let refused = try await RawHTTPProbe.send(
                "OPTIONS",
                "/api/queue/x",
                headers: [("Origin", "https://evil.example"), ("Access-Control-Request-Method", "DELETE")],
                port: server.port
            )
            #expect(refused.status == 403)
            #expect(refused.headers["access-control-allow-origin"] == nil)
            let failed = try await RawHTTPProbe.send(
                "POST",
                "/api/tts",
                headers: [("Origin", Self.panel), ("Content-Type", "application/json")],
                body: Array("{".utf8),
                port: server.port
            )
            #expect(failed.status == 400)
            #expect(failed.headers["access-control-allow-origin"] == Self.panel)
        }
    }

    @Test func hostNamesAndOriginsAreParsedAsBrowsersWriteThem() {
        #expect(WebOriginPolicy.hostName(of: "[::1]:8080") == "::1")
        #expect(WebOriginPolicy.hostName(of: "Example.COM:80") == "example.com")
        #expect(WebOriginPolicy.isIPAddress("10.0.0.7") && WebOriginPolicy.isIPAddress("fe80::1"))
        #expect(!WebOriginPolicy.isIPAddress("1.2.3.evil") && !WebOriginPolicy.isIPAddress("localhost"))
        #expect(WebOriginPolicy.isSameOrigin("http://127.0.0.1:27121", authority: "127.0.0.1:27121"))
        #expect(WebOriginPolicy.isSameOrigin("http://mypc.local", authority: "mypc.local:80"))
        #expect(!WebOriginPolicy.isSameOrigin("http://127.0.0.1:3000", authority: "127.0.0.1:27121"))
        #expect(!WebOriginPolicy.isWebPageOrigin("ws://127.0.0.1") && WebOriginPolicy.isWebPageOrigin("null"))
    }
}
