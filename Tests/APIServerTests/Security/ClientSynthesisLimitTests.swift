import Foundation
import Settings
import TestSupport
import Testing

@testable import APIServer

#if canImport(Glibc)
import Glibc
#endif

/// One client cannot run more than `max_syntheses_per_client` syntheses at once.
@Suite struct ClientSynthesisLimitTests {
    @Test func aSecondSynthesisPastTheLimitIsRefused() async throws {
        var configuration = ChatEndToEndTests.configuration()
        configuration.api.maxSynthesesPerClient = 1
        try await TestServer.withServer(configuration: configuration) { server in
            // A long streamed reading, its head read and the rest left unread: it holds the client's one slot.
            let text = String(repeating: "This sentence keeps the engine busy for a while. ", count: 9)
            let body = Array(try JSONSerialization.data(withJSONObject: ["text": text]))
            let head = "POST /api/tts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
            // Its head came with the first audio: the synthesis is running.
            let held = try await LoopbackSocket.holdResponse(Array(head.utf8) + body, port: server.port)
            defer { close(held) }

            let refused = try await RawHTTPProbe.send(
                "POST",
                "/v1/audio/speech",
                headers: [("Content-Type", "application/json")],
                body: Array(#"{"model":"tts-1","input":"Me too please."}"#.utf8),
                port: server.port
            )
            #expect(refused.status == 429)
            #expect(refused.headers["retry-after"] == "1")
            let error = try JSONSerialization.jsonObject(with: Data(refused.bodyPrefix)) as? [String: [String: Any]]
            #expect(error?["error"]?["code"] as? String == "too_many_requests")
            #expect(error?["error"]?["type"] as? String == "rate_limit_error")
            // Anything that does not synthesize is not limited.
            #expect(try await RawHTTPProbe.send("GET", "/api/voices", port: server.port).status == 200)
        }
    }

    @Test func slotsAreCountedPerClient() {
        let counts = ClientSynthesisCounts()
        #expect(counts.acquire("10.0.0.1", limit: 2) && counts.acquire("10.0.0.1", limit: 2))
        #expect(!counts.acquire("10.0.0.1", limit: 2))
        #expect(counts.acquire("10.0.0.2", limit: 2))
        counts.release("10.0.0.1")
        #expect(counts.count("10.0.0.1") == 1)
        #expect(counts.acquire("10.0.0.1", limit: 2))
        counts.release("10.0.0.2")
        #expect(counts.count("10.0.0.2") == 0)
    }
}
