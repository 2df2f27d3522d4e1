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
    /// The original iShowTTS's reference overrides on a configured F5 voice, through the real server: replace the
    /// transcript and the clip, fetch each clip with its real content type, keep the override across a restart, reset.
    ///
    /// Nested in ``F5EndToEndTests`` so that its serialization covers these too: F5 workers on the CPU running side
    /// by side on two cores would push a request past the test client's 20 s read timeout.
    @Suite struct VoiceReferenceOverrideTests {
        static func reference(_ client: some TestClientProtocol, _ id: String) async throws -> [String: Any] {
            try await client.execute(uri: "/api/voices/\(id)/reference", method: .get) { response in
                #expect(response.status == .ok)
                return try VoiceLibraryEndToEndTests.json(response)
            }
        }

        /// The configured voice's seeded audio for one line, as WAV bytes.
        static func speak(_ client: some TestClientProtocol) async throws -> String {
            let body = try TestServer.json(["text": "Same words, same seed.", "voice_id": F5TestFixture.voiceID, "seed": 7])
            return try await client.execute(uri: "/api/tts", method: .post, headers: TestServer.jsonHeaders, body: body) { response in
                #expect(response.status == .ok)
                return try VoiceLibraryEndToEndTests.json(response)["audio_base64"] as? String ?? ""
            }
        }

        @Test(.timeLimit(.minutes(10))) func overridesReplaceAndRestoreAConfiguredVoicesReference() async throws {
            let configuration = try VoiceLibraryEndToEndTests.configuration(dataDirectory: TestChat.newDataDirectory())
            let tone = F5TestFixture.voiceID
            let original = try await TestServer.withServer(configuration: configuration) { server in
                let client = server.client
                let baseline = try await Self.reference(client, tone)
                #expect(baseline["baseline_reference_text"] as? String == F5TestFixture.referenceText)
                #expect(baseline["active_reference_text"] as? String == F5TestFixture.referenceText)
                #expect(baseline["override_reference_text"] == nil)
                #expect(baseline["baseline_audio_available"] as? Bool == true && baseline["override_audio_available"] as? Bool == false)
                try await client.execute(uri: "/api/voices/\(tone)/reference/audio?source=baseline", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "audio/wav")
                    #expect(response.headers[HTTPField.Name("X-Voice-Reference-Source")!] == "baseline")
                }
                try await client.execute(uri: "/api/voices/\(tone)/reference/audio?source=override", method: .get) { #expect($0.status == .notFound) }
                try await client.execute(uri: "/api/voices/\(tone)/reference/audio?source=elsewhere", method: .get) {
                    #expect($0.status == .badRequest)
                }
                let original = try await Self.speak(client)

                // A new transcript only, then a new clip (MP3) with its transcript.
                let (textHeaders, textBody) = VoiceLibraryEndToEndTests.form(["text": "Hello there, friends."], audio: nil)
                try await client.execute(uri: "/api/voices/\(tone)/reference", method: .post, headers: textHeaders, body: textBody) { response in
                    #expect(response.status == .ok)
                    let reference = try VoiceLibraryEndToEndTests.json(response)
                    #expect(reference["active_reference_text"] as? String == "Hello there, friends.")
                    #expect(reference["override_audio_available"] as? Bool == false)
                }
                let clip = try VoiceLibraryEndToEndTests.clip(seconds: 2.5, as: .mp3)
                let (headers, body) = VoiceLibraryEndToEndTests.form(["text": "Hello there."], audio: clip)
                try await client.execute(uri: "/api/voices/\(tone)/reference", method: .post, headers: headers, body: body) { response in
                    #expect(response.status == .ok)
                    let reference = try VoiceLibraryEndToEndTests.json(response)
                    #expect(reference["override_reference_text"] as? String == "Hello there.")
                    #expect(reference["override_audio_available"] as? Bool == true)
                    #expect(reference["override_updated_at"] is String)
                }
                try await client.execute(uri: "/api/voices/\(tone)/reference/audio?source=override", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "audio/mpeg")
                    #expect(Data(response.body.readableBytesView) == clip)
                }
                #expect(try await Self.speak(client) != original)

                // A voice without a reference clip has nothing to override.
                let (joeHeaders, joeBody) = VoiceLibraryEndToEndTests.form(["text": "hi"], audio: nil)
                try await client.execute(uri: "/api/voices/joe/reference", method: .post, headers: joeHeaders, body: joeBody) {
                    #expect($0.status == .unprocessableContent)
                }
                #expect(try await Self.reference(client, "joe")["baseline_audio_available"] as? Bool == false)
                return original
            }

            // After a restart the override is still in use; a reset restores the configured reference.
            try await TestServer.withServer(configuration: configuration) { server in
                let client = server.client
                #expect(try await Self.reference(client, tone)["active_reference_text"] as? String == "Hello there.")
                #expect(try await Self.speak(client) != original)
                try await client.execute(uri: "/api/voices/\(tone)/reference", method: .delete) { response in
                    #expect(response.status == .ok)
                    let reference = try VoiceLibraryEndToEndTests.json(response)
                    #expect(reference["active_reference_text"] as? String == F5TestFixture.referenceText)
                    #expect(reference["override_audio_available"] as? Bool == false)
                }
                #expect(try await Self.speak(client) == original)
            }
        }
    }
}
