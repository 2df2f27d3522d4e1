import Foundation
import Settings
import TestSupport
import Testing

@testable import APIServer

/// Half-sent requests are closed by the server, and health answers while many are held open.
@Suite struct ConnectionLimitTests {
    /// As many held connections as the file limit allows (each costs a descriptor on both ends, in this one process).
    static let held = Swift.max(16, Swift.min((LoopbackSocket.openFileLimit - 256) / 3, 2_000))

    static func configuration() -> ServerConfiguration {
        var configuration = ChatEndToEndTests.configuration()
        configuration.api.idleTimeoutSeconds = 1
        configuration.api.bodyTimeoutSeconds = 1
        configuration.api.maxConnections = held + 32
        return configuration
    }

    @Test func halfSentRequestsAreClosedWhileHealthStillAnswers() async throws {
        try await TestServer.withServer(configuration: Self.configuration()) { server in
            let heads = try await HeldConnections.open(
                count: Self.held / 2,
                port: server.port,
                partialRequest: "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            )
            let bodies = try await HeldConnections.open(
                count: Self.held / 2,
                port: server.port,
                partialRequest: "POST /api/tts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"te"
            )
            #expect(try await RawHTTPProbe.send("GET", "/api/health", port: server.port).status == 200)
            await heads.waitUntilServerClosesAll()
            await bodies.waitUntilServerClosesAll()
            #expect(try await RawHTTPProbe.send("GET", "/api/health", port: server.port).status == 200)
        }
    }

    @Test func aStalledBodyIsAnsweredWithATimeout() async throws {
        var configuration = Self.configuration()
        configuration.api.idleTimeoutSeconds = 30  // else the idle timer closes the silent connection first, without an answer
        try await TestServer.withServer(configuration: configuration) { server in
            let probe = try await RawHTTPProbe.send(
                "POST",
                "/v1/audio/speech",
                headers: [("Content-Type", "application/json"), ("Content-Length", "400")],
                body: Array(#"{"model":"tts-1","input":"#.utf8),
                port: server.port
            )
            #expect(probe.status == 408)
            #expect(String(decoding: probe.bodyPrefix, as: UTF8.self).contains("request_timeout"))
        }
    }
}
