import AudioIO
import CompositionRoot
import F5Engine
import Foundation
import Hummingbird
import HummingbirdTesting
import Settings
import Speech
import SpeechCore
import TestSupport
import Testing

@testable import APIServer

/// The F5 engine through the whole server, composed as `serve` composes it, with the real worker process
/// (random-init `tiny` model on the CPU). Serialized: each test starts a PyTorch worker.
@Suite(.serialized) struct F5EndToEndTests {
    static let text = "Hello chat, thanks for the follow! This is a longer second sentence that keeps going for a while. And a third."
    /// Samples the engine produces for ``text`` at speed 1 with the 0.15 s cross-fade (recorded; F5EngineTests
    /// asserts the same number through the engine alone).
    static let textSamples = 260_848

    @Test(.timeLimit(.minutes(10))) func ttsAndStreamReturnEveryChunkMinusTheCrossFades() async throws {
        let fixture = try F5TestFixture()
        let metrics = ServerMetrics()
        let hooks = SpeechSystemHooks(f5Events: fixture.events.observer, metrics: metrics.factory)
        try await TestServer.withClient(.live, configuration: fixture.configuration(), hooks: hooks) { client in
            // Long enough for two official chunks with this 3 s reference (at most 177 bytes each).
            let whole = try TestServer.json(["text": Self.text + " " + Self.text, "voice_id": F5TestFixture.voiceID, "seed": 7])
            try await client.execute(uri: "/api/tts", method: .post, headers: TestServer.jsonHeaders, body: whole) { response in
                #expect(response.status == .ok)
                let reply = try JSONDecoder().decode(TTSResponse.self, from: Data(response.body.readableBytesView))
                #expect(reply.engine == "f5")
                #expect(reply.sampleRate == 24_000)
                let audio = try AudioDecoder().decode(try #require(Data(base64Encoded: reply.audioBase64)))
                #expect(audio.samples.count == Self.wholeFileSamples)
                #expect(reply.waveformLength == Self.wholeFileSamples)
            }
            // A whole file: the official chunks, every one of them in the first batch.
            #expect(Self.plannedChunks(in: fixture.events.events) == [Self.wholeFileChunks])
            #expect(Self.batchSizes(in: fixture.events.events) == [Self.wholeFileChunks])
            let body = try TestServer.json(["text": Self.text, "voice_id": F5TestFixture.voiceID, "seed": 7])
            try await client.execute(uri: "/api/tts/stream", method: .post, headers: TestServer.jsonHeaders, body: body) { response in
                #expect(response.status == .ok)
                let bytes = Array(buffer: response.body)
                #expect(Array(bytes.prefix(44)) == WAVHeader.streaming(sampleRate: 24_000).map { $0 })
                #expect((bytes.count - 44) / 2 == Self.textSamples)
            }
            // Every batch's time, as the server and the worker saw it: `done` may be read after the last audio.
            let batches = Self.batchSizes(in: fixture.events.events).count
            _ = await fixture.events.wait(occurrence: batches) { if case .batchFinished = $0 { true } else { false } }
            let exposition = String(decoding: metrics.exposition(), as: UTF8.self)
            let value = { (name: String) in MetricsEndpointTests.value(exposition, name, [:]) }
            for name in ["ishowtts_f5_batch_round_trip_seconds", "ishowtts_f5_worker_batch_seconds", "ishowtts_f5_worker_compute_seconds"] {
                #expect(value(name + "_count") == Double(batches), "\(name)")
            }
            // Each holds the next: the round trip the worker's time, which holds the model's compute.
            let roundTrip = try #require(value("ishowtts_f5_batch_round_trip_seconds_sum"))
            let inWorker = try #require(value("ishowtts_f5_worker_batch_seconds_sum"))
            let compute = try #require(value("ishowtts_f5_worker_compute_seconds_sum"))
            #expect(0 < compute && compute <= inWorker && inWorker <= roundTrip)
        }
        // A stream: a short first chunk goes out alone, for fast first audio, then the rest.
        let planned = Self.plannedChunks(in: fixture.events.events)
        #expect(planned == [Self.wholeFileChunks, Self.streamedChunks])
        #expect(Self.batchSizes(in: fixture.events.events).dropFirst().first == 1)
    }

    @Test(.timeLimit(.minutes(10))) func anF5OnlyServerIsHealthyAlthoughThePiperEngineHasNoVoices() async throws {
        let fixture = try F5TestFixture()
        var configuration = fixture.configuration()
        configuration.piper.voices = []
        let hooks = SpeechSystemHooks(f5Events: fixture.events.observer)
        try await TestServer.withClient(.live, configuration: configuration, hooks: hooks) { client in
            _ = await fixture.events.wait { if case .workerReady = $0 { true } else { false } }
            try await client.execute(uri: "/api/health", method: .get) { response in
                let health = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                #expect(health["status"] as? String == "ok")
                let engines = try #require(health["engines"] as? [[String: Any]])
                #expect(engines.map { "\($0["engine"] ?? "") \($0["status"] ?? "")" } == ["piper unavailable", "f5 ok"])
            }
        }
    }

    /// Recorded: the official chunking cuts the doubled text into 2 chunks for the tone voice; streaming ``text``
    /// (one official chunk) cuts a short first chunk off it, making 2.
    static let wholeFileChunks = 2
    static let streamedChunks = 2
    /// Samples of the doubled text as a whole file (recorded).
    static let wholeFileSamples = 530_672

    static func plannedChunks(in events: [F5EngineEvent]) -> [Int] {
        events.compactMap { event in if case .requestPlanned(_, let chunks) = event { chunks } else { nil } }
    }

    static func batchSizes(in events: [F5EngineEvent]) -> [Int] {
        events.compactMap { event in if case .batchDispatched(_, _, let items) = event { items } else { nil } }
    }

    @Test(.timeLimit(.minutes(10))) func aStreamThatFailsAfterItStartedEndsAsABrokenTransfer() async throws {
        let fixture = try F5TestFixture()
        let hooks = SpeechSystemHooks(f5Events: fixture.events.observer)
        // One chunk per batch, so the request's second chunk is its own batch.
        try await TestServer.withClient(.live, configuration: fixture.configuration(maxBatch: 1), hooks: hooks) { client in
            let ready = await fixture.events.wait { if case .workerReady = $0 { true } else { false } }
            guard case .workerReady(_, let pid) = ready else { return }
            fixture.events.onFirst(where: { if case .batchDispatched(_, 2, _) = $0 { true } else { false } }) { _ in kill(pid, SIGKILL) }
            let body = Data(#"{"text": "\#(Self.text)", "voice_id": "\#(F5TestFixture.voiceID)"}"#.utf8)
            let port = try #require(client.port)
            let exchange = try await RawHTTPExchange.postJSON(body, to: "/api/tts/stream", port: port)
            // The 200, the WAV header and the first chunk's audio went out before the worker died; then the transfer
            // is cut instead of ending cleanly, so the client knows the WAV is incomplete.
            #expect(exchange.status == 200)
            #expect(exchange.body.count > 44)
            #expect(!exchange.endedWithLastChunk)
        }
    }

    @Test(.timeLimit(.minutes(10))) func aStreamThatCannotBeAdmittedIsRefusedBeforeAnyAudio() async throws {
        let fixture = try F5TestFixture()
        let hooks = SpeechSystemHooks(f5Events: fixture.events.observer)
        _ = try await withSpeechSystem(configuration: fixture.configuration(), logger: TestServer.logger, hooks: hooks, shutdownSignals: []) {
            system in
            try await system.waitUntilReady()
            // One slot and no waiting line, so a second request finds the engine busy.
            let speech = SpeechService(
                catalog: system.speech.catalog,
                maxTextCharacters: 500,
                admission: [.f5: EngineAdmission(maxParallel: 1, maxWaiting: 0)]
            )
            let job = try speech.makeJob(text: "I hold the only slot.", voiceID: F5TestFixture.voiceID, options: SynthesisOptions())
            let ready = await fixture.events.wait { if case .workerReady = $0 { true } else { false } }
            guard case .workerReady(_, let worker) = ready else { return }
            // A stopped worker keeps the first job, and so the only permit, in flight.
            let holder = try await withProcessStopped(worker) {
                let holder = try await speech.start(job)
                let settings = HTTPSettings(host: "127.0.0.1", port: 0, maxBodyBytes: 1 << 20)
                try await buildApplication(speech: speech, settings: settings, logger: TestServer.logger).test(.live) { client in
                    let body = try TestServer.json(["text": "Am I next?"])
                    try await client.execute(uri: "/api/tts/stream", method: .post, headers: TestServer.jsonHeaders, body: body) { response in
                        #expect(response.status == .serviceUnavailable)
                        #expect(response.headers[.retryAfter] == "1")
                        let error = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                        #expect(error.error.code == "busy")
                    }
                }
                return holder
            }
            for try await _ in holder {}
        }
    }
}
