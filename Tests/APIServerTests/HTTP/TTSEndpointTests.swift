import AudioIO
import Foundation
import Hummingbird
import HummingbirdTesting
import Settings
import SpeechCore
import TestSupport
import Testing

@testable import APIServer

/// `POST /api/tts` and `POST /api/tts/stream` against the real server and the real Piper voice.
@Suite struct TTSEndpointTests {
    @Test func ttsAnswersWithTheOriginalShapeAndValidWAV() async throws {
        try await TestServer.withClient { client in
            let body = try TestServer.json(["text": "Hello chat. Thanks for the follow!", "voice_id": "joe", "nfe_step": 16])
            try await client.execute(uri: "/api/tts", method: .post, headers: TestServer.jsonHeaders, body: body) { response in
                #expect(response.status == .ok)
                let reply = try JSONDecoder().decode(TTSResponse.self, from: Data(response.body.readableBytesView))
                #expect(reply.voiceID == "joe")
                #expect(reply.engine == "piper")
                #expect(reply.format == "wav")
                #expect(reply.sampleRate == 22050)
                let wav = try #require(Data(base64Encoded: reply.audioBase64))
                let audio = try AudioDecoder().decode(wav)
                #expect(audio.sampleRate == 22050)
                #expect(audio.samples.count == reply.waveformLength)
                #expect(audio.duration > 1.0 && audio.duration < 6.0)
                #expect(AudioAnalysis.rms(audio.samples) > 0.01)
            }
        }
    }

    @Test func defaultVoiceIsUsedWhenNoneIsNamed() async throws {
        try await TestServer.withClient { client in
            let body = try TestServer.json(["text": "Good evening."])
            try await client.execute(uri: "/api/tts", method: .post, headers: TestServer.jsonHeaders, body: body) { response in
                #expect(response.status == .ok)
                let reply = try JSONDecoder().decode(TTSResponse.self, from: Data(response.body.readableBytesView))
                #expect(reply.voiceID == "joe")
            }
        }
    }

    @Test func streamSendsAStreamingWAVHeaderThenAllTheAudio() async throws {
        try await TestServer.withClient(.live) { client in
            let text = "First sentence here. And a second one follows! Does the third arrive too?"
            let body = try TestServer.json(["text": text])
            try await client.execute(uri: "/api/tts/stream", method: .post, headers: TestServer.jsonHeaders, body: body) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "audio/wav")
                let bytes = Array(buffer: response.body)
                #expect(bytes.count > 44)
                #expect(Array(bytes.prefix(44)) == WAVHeader.streaming(sampleRate: 22050).map { $0 })
                let samples = PCMConversion.floatSamples(fromInt16LittleEndian: Data(bytes.dropFirst(44)))
                let seconds = Double(samples.count) / 22050
                #expect(seconds > 2.5 && seconds < 12)
                #expect(AudioAnalysis.rms(samples) > 0.01)
            }
            // On the wire: chunked, and ended by the terminating chunk (what a failed stream must not send).
            let exchange = try await RawHTTPExchange.postJSON(
                Data(#"{"text": "\#(text)"}"#.utf8),
                to: "/api/tts/stream",
                port: try #require(client.port)
            )
            #expect(exchange.status == 200)
            #expect(exchange.endedWithLastChunk)
            #expect(exchange.body.count > 44)
        }
    }

    @Test func concurrentRequestsAllSucceed() async throws {
        var configuration = ServerConfiguration.piperOnlyForTests()
        configuration.piper.maxParallel = 2
        try await TestServer.withClient(.live, configuration: configuration) { client in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        let body = try TestServer.json(["text": "Message number \(index) from chat."])
                        let path = index.isMultiple(of: 2) ? "/api/tts" : "/api/tts/stream"
                        return try await client.execute(uri: path, method: .post, headers: TestServer.jsonHeaders, body: body).status
                    }
                }
                var statuses: [HTTPResponse.Status] = []
                for try await status in group { statuses.append(status) }
                #expect(statuses == Array(repeating: .ok, count: 6))
            }
        }
    }

    @Test func healthAndVoicesDescribeTheServer() async throws {
        try await TestServer.withClient { client in
            try await client.execute(uri: "/api/health", method: .get) { response in
                #expect(response.status == .ok)
                let health = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                #expect(health?["status"] as? String == "ok")
                #expect(health?["default_voice"] as? String == "joe")
                #expect(health?["voices"] as? Int == 1)
            }
            try await client.execute(uri: "/api/voices", method: .get) { response in
                #expect(response.status == .ok)
                let voices = try JSONDecoder().decode([VoiceDescriptor].self, from: Data(response.body.readableBytesView))
                #expect(voices.map(\.id) == ["joe"])
                #expect(voices.first?.engine == "piper")
                #expect(voices.first?.language == "en-US")
                #expect(voices.first?.sampleRate == 22050)
            }
        }
    }
}
