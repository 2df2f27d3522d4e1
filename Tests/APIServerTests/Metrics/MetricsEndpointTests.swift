import CompositionRoot
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import APIServer

/// `/metrics` after real work: a synthesis over HTTP, chat lines queued, filtered and spoken.
@Suite struct MetricsEndpointTests {
    @Test func workShowsUpInThePrometheusExposition() async throws {
        try await TestServer.withServer(configuration: ChatEndToEndTests.configuration()) { server in
            let client = server.client
            let tts = try TestServer.json(["text": "Counting this one."])
            for _ in 0..<2 {  // the repeat is replayed from the audio cache
                try await client.execute(uri: "/api/tts", method: .post, headers: TestServer.jsonHeaders, body: tts) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/nowhere", method: .get) { #expect($0.status == .notFound) }
            let subscription = server.chat.gateway.events.subscribe(since: 0)
            for (id, text) in [("m1", "!uptime"), ("m2", "hello metrics")] {
                let body = try TestServer.json(["id": id, "username": "viewer", "content": ["Text": text]])
                try await client.execute(uri: "/api/danmaku/enqueue", method: .post, headers: TestServer.jsonHeaders, body: body) { _ in }
            }
            _ = await TestChat.collect(subscription, until: { $0.kind == .finished && $0.item?.id == "m2" })

            let text = try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                return String(buffer: response.body)
            }
            #expect(Self.value(text, "ishowtts_http_requests_total", ["method": "POST", "route": "/api/tts", "status": "200"]) == 2)
            #expect(Self.value(text, "ishowtts_audio_cache_hits_total", [:]) == 1)
            #expect((Self.value(text, "ishowtts_audio_cache_bytes", [:]) ?? 0) > 0)
            #expect(Self.value(text, "ishowtts_http_requests_total", ["method": "GET", "route": "NotFound", "status": "404"]) == 1)
            #expect(Self.value(text, "ishowtts_http_request_duration_seconds_count", ["method": "POST", "route": "/api/tts"]) == 2)
            #expect(Self.value(text, "ishowtts_chat_messages_received_total", [:]) == 2)
            #expect(Self.value(text, "ishowtts_chat_messages_filtered_total", ["reason": "command"]) == 1)
            #expect(Self.value(text, "ishowtts_chat_messages_queued_total", [:]) == 1)
            #expect(Self.value(text, "ishowtts_chat_messages_spoken_total", [:]) == 1)
            #expect(Self.value(text, "ishowtts_queue_depth", [:]) == 0)
            // The HTTP line and the chat line, each possibly in more than one synthesis (the first clause alone).
            let syntheses = try #require(
                Self.value(text, "ishowtts_syntheses_total", ["engine": "piper", "voice_kind": "configured", "outcome": "ok"])
            )
            #expect(syntheses >= 2)
            #expect(Self.value(text, "ishowtts_time_to_first_audio_seconds_count", ["engine": "piper"]) == syntheses)
            #expect(Self.value(text, "ishowtts_real_time_factor_count", ["engine": "piper"]) == syntheses)
        }
    }

    /// The value of the sample `name` whose labels include `labels`, from the text exposition.
    static func value(_ exposition: String, _ name: String, _ labels: [String: String]) -> Double? {
        for line in exposition.split(separator: "\n") where line.hasPrefix(name) && !line.hasPrefix("#") {
            let rest = line.dropFirst(name.count)
            guard rest.first == "{" || rest.first == " " else { continue }
            let labelText = rest.first == "{" ? String(rest[rest.startIndex..<(rest.firstIndex(of: "}") ?? rest.endIndex)]) : ""
            guard labels.allSatisfy({ labelText.contains("\($0.key)=\"\($0.value)\"") }) else { continue }
            return line.split(separator: " ").last.flatMap { Double($0) }
        }
        return nil
    }
}
