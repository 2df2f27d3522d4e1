import AudioIO
import F5Engine
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SpeechCore
import Testing
@testable import APIServer

/// The F5 engine with the real worker process (random-init `tiny` model on the CPU): `/api/tts` and
/// `/api/tts/stream` through the real app, worker death and restart, and cancellation
/// (``WorkerEndToEndTests+Cancellation.swift``). Serialized: each test starts a PyTorch worker.
@Suite(.serialized) struct WorkerEndToEndTests {
    static let text = "Hello chat, thanks for the follow! This is a longer second sentence that keeps going for a while. And a third."

    @Test(.timeLimit(.minutes(10))) func ttsAndStreamReturnEveryChunkMinusTheCrossFades() async throws {
        let fixture = try F5TestFixture()
        let engine = try await fixture.makeEngine()
        let expected = try fixture.expectedOutput(for: Self.text)
        #expect(expected.chunks.count >= 2)
        let app = try await Self.makeApp(engine: engine, logger: fixture.recorder.logger(label: "app"))
        try await app.test(.live) { client in
            try await engine.supervisor.waitUntilReady()
            let body = try Self.json(["text": Self.text, "voice_id": F5TestFixture.voiceID, "seed": 7])
            try await client.execute(uri: "/api/tts", method: .post, headers: Self.jsonHeaders, body: body) { response in
                #expect(response.status == .ok)
                let reply = try JSONDecoder().decode(TTSResponse.self, from: Data(response.body.readableBytesView))
                #expect(reply.engine == "f5")
                #expect(reply.sampleRate == 24_000)
                let audio = try AudioDecoder().decode(try #require(Data(base64Encoded: reply.audioBase64)))
                #expect(audio.samples.count == expected.samples)
                #expect(reply.waveformLength == expected.samples)
            }
            try await client.execute(uri: "/api/tts/stream", method: .post, headers: Self.jsonHeaders, body: body) { response in
                #expect(response.status == .ok)
                let bytes = Array(buffer: response.body)
                #expect(Array(bytes.prefix(44)) == WAVHeader.streaming(sampleRate: 24_000).map { $0 })
                #expect((bytes.count - 44) / 2 == expected.samples)
            }
        }
        let batches = fixture.recorder.entries("F5 batch dispatched")
        #expect(batches.first?.metadata["items"] == "1")  // the first chunk went out alone, for fast first audio
    }

    @Test(.timeLimit(.minutes(10))) func anotherTargetRMSUsesAVariantOfTheReference() async throws {
        let fixture = try F5TestFixture()
        let engine = try await fixture.makeEngine()
        let text = "A quieter reference, please."
        let expected = try fixture.expectedOutput(for: text)
        let app = try await Self.makeApp(engine: engine, logger: fixture.recorder.logger(label: "app"))
        try await app.test(.live) { client in
            try await engine.supervisor.waitUntilReady()
            let body = try Self.json(["text": text, "voice_id": F5TestFixture.voiceID, "target_rms": 0.2])
            try await client.execute(uri: "/api/tts", method: .post, headers: Self.jsonHeaders, body: body) { response in
                #expect(response.status == .ok)
                let reply = try JSONDecoder().decode(TTSResponse.self, from: Data(response.body.readableBytesView))
                #expect(reply.waveformLength == expected.samples)
            }
            // Concurrent requests needing the same new variant (0.3 and 0.3001 quantise alike) all wait for its one
            // preparation instead of reaching the worker before it has the voice.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for rms in [0.3, 0.3001, 0.3] {
                    group.addTask {
                        let request = SynthesisRequest(text: text, voiceID: F5TestFixture.voiceID, options: SynthesisOptions(targetRMS: rms))
                        for try await _ in engine.synthesize(request) {}
                    }
                }
                try await group.waitForAll()
            }
        }
        let planned = fixture.recorder.entries("F5 request planned")
        #expect(planned.map { $0.metadata["voice"] } == ["tone@rms=0.20"] + Array(repeating: "tone@rms=0.30", count: 3))
    }

    @Test(.timeLimit(.minutes(10))) func killingTheWorkerMidRequestFailsItCleanlyAndTheNextRequestSucceeds() async throws {
        let fixture = try F5TestFixture()
        let engine = try await fixture.makeEngine(maxBatch: 1)
        let app = try await Self.makeApp(engine: engine, logger: fixture.recorder.logger(label: "app"))
        try await app.test(.live) { client in
            try await engine.supervisor.waitUntilReady()
            let pid = try #require(await engine.supervisor.statuses().first?.pid)
            // SIGKILL the worker at the very moment the request's second chunk is handed to it.
            fixture.recorder.onFirst("F5 batch dispatched", where: { $0.metadata["batch"] == "2" }) { _ in
                kill(pid, SIGKILL)
            }
            let body = try Self.json(["text": Self.text, "voice_id": F5TestFixture.voiceID])
            try await client.execute(uri: "/api/tts", method: .post, headers: Self.jsonHeaders, body: body) { response in
                #expect(response.status.code >= 500)
                let error = try JSONDecoder().decode(ErrorReply.self, from: Data(response.body.readableBytesView))
                #expect(error.error.code == "engine_unavailable")
                #expect(error.error.message.contains("F5 worker 0 exited (status 9, killed by a signal)"))
            }
            // The supervisor restarts the worker; the next request is served by the new process.
            _ = await fixture.recorder.wait(for: "F5 worker ready", occurrence: 2)
            let newPID = try #require(await engine.supervisor.statuses().first?.pid)
            #expect(newPID != pid)
            try await client.execute(uri: "/api/tts", method: .post, headers: Self.jsonHeaders, body: body) { response in
                #expect(response.status == .ok)
            }
        }
    }

    // MARK: Helpers

    static func makeApp(engine: F5Engine, logger: Logger) async throws -> some ApplicationProtocol {
        var configuration = try ServerConfiguration.load(file: nil, environment: [:])
        configuration.defaultVoice = F5TestFixture.voiceID
        return try await buildApplication(configuration: configuration, engines: [engine], logger: logger)
    }

    static func json(_ object: [String: any Sendable]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    struct ErrorReply: Decodable {
        struct Detail: Decodable {
            let code: String
            let message: String
        }
        let error: Detail
    }
}
