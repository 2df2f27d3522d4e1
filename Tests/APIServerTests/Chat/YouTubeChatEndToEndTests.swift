import AudioIO
import ChatSources
import CompositionRoot
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Settings
import SpeechCore
import Storage
import TestSupport
import Testing

@testable import APIServer

/// YouTube chat to speech through the real server: a local server that speaks the YouTube Data API feeds it, the
/// Piper voice speaks, and a WebSocket player receives the audio; the panel's sign-in runs against a local token
/// endpoint and lands in the real database.
@Suite(.timeLimit(.minutes(2))) struct YouTubeChatEndToEndTests {
    static let video = "dQw4w9WgXcQ"
    static let chatID = "chat-e2e"

    static func configuration(_ server: YouTubeTestServer, signIn: Bool = false) -> ServerConfiguration {
        var configuration = ChatEndToEndTests.configuration()
        configuration.youtube.apiURL = server.apiURL
        configuration.youtube.dailyQuota = 100_000_000  // YouTube's own pace, so the test does not wait for the quota's
        if signIn {
            configuration.youtube.clientID = "client-id"
            configuration.youtube.clientSecret = "client-secret"
            configuration.youtube.deviceCodeURL = server.deviceCodeURL
            configuration.youtube.tokenURL = server.tokenURL
        } else {
            configuration.youtube.apiKey = "test-key"
        }
        return configuration
    }

    /// The conversation of the IRC test (`ChatEndToEndTests`), on YouTube: the deleted line is never spoken, the
    /// paid one goes first, the rest in order.
    @Test func chatIsSpokenInOrderDeletionsNeverAndSuperChatsFirst() async throws {
        let youtube = try await YouTubeTestServer.start()
        await youtube.backend.addVideo(Self.video, chatID: Self.chatID)
        await youtube.backend.post([.text("old", by: .viewer("early"), "said before the server came")], to: Self.chatID)
        try await TestServer.withChat(configuration: Self.configuration(youtube)) { client, chat in
            let port = try #require(client.port)
            try await client.execute(uri: "/api/queue/pause", method: .post) { #expect($0.status == .ok) }
            let events = chat.gateway.events.subscribe()
            let player = WebSocketPlayer(url: "ws://127.0.0.1:\(port)/api/danmaku/stream")
            // An open player would hold the server's graceful shutdown, and so the test, should an expectation fail.
            defer { player.close() }
            try await player.waitUntilConnected(hub: chat.gateway.events)

            let start = try TestServer.json(["platform": "youtube", "channel": "https://www.youtube.com/watch?v=\(Self.video)"])
            try await client.execute(uri: "/api/danmaku/start", method: .post, headers: TestServer.jsonHeaders, body: start) { response in
                #expect(response.status == .accepted)
                #expect(String(buffer: response.body).contains(Self.video))
            }
            _ = await TestChat.collect(events, until: { $0.kind == .sourceState && $0.source?.state == .connected })

            await youtube.backend.post(
                [
                    .text("m1", by: .viewer("alice"), "first line"),
                    .text("m2", by: .viewer("bob"), "deleted line"),
                    .text("m3", by: .viewer("carol"), "third line"),
                    .deleted("d1", target: "m2", by: .viewer("mod", moderator: true)),
                    .superChat("sc1", by: .viewer("dave"), display: "$5.00", micros: 5_000_000, currency: "USD", comment: "great stream"),
                ],
                to: Self.chatID
            )
            let seen = await TestChat.collect(events, until: { $0.kind == .queued && $0.item?.id == "sc1" })
            #expect(seen.filter { $0.kind == .queued }.map { $0.item?.id } == ["m1", "m2", "m3", "sc1"])
            #expect(seen.contains { $0.kind == .removed && $0.item?.id == "m2" && $0.reason == .moderated })

            try await client.execute(uri: "/api/sources", method: .get) { response in
                let sources = try JSONDecoder().decode(SourcesBody.self, from: Data(response.body.readableBytesView))
                #expect(sources.youtube.streams.map(\.stream) == [Self.video])
                #expect(sources.youtube.streams.first?.state == "connected")
                #expect(sources.youtube.quota.used > 0)
                #expect(sources.youtube.quota.daily == 100_000_000)
            }

            try await client.execute(uri: "/api/queue/resume", method: .post) { #expect($0.status == .ok) }
            let packets = try await player.packets(count: 3)
            #expect(packets.map(\.header.displayText) == ["dave sent $5.00! great stream", "alice says first line", "carol says third line"])
            #expect(packets.map(\.header.platform) == ["YouTube", "YouTube", "YouTube"])
            #expect(packets.map(\.header.channel) == [Self.video, Self.video, Self.video])
            for packet in packets { #expect(try AudioDecoder().decode(packet.wav).duration > 0.5) }

            let stop = try TestServer.json(["platform": "youtube", "channel": Self.video])
            try await client.execute(uri: "/api/danmaku/stop", method: .post, headers: TestServer.jsonHeaders, body: stop) {
                #expect($0.status == .accepted)
            }
            #expect(await chat.youtube.streams.isEmpty)
        }
        await youtube.stop()
    }

    @Test func thePanelSignsInWithTheDeviceFlowAndTheTokenStaysPrivate() async throws {
        let youtube = try await YouTubeTestServer.start()
        let configuration = Self.configuration(youtube, signIn: true)
        try await TestServer.withChat(configuration: configuration) { client, chat in
            try await client.execute(uri: "/api/auth/youtube", method: .get) { response in
                let body = try JSONDecoder().decode(SignInBody.self, from: Data(response.body.readableBytesView))
                #expect(body.status == "signed_out")
            }
            try await client.execute(uri: "/api/auth/youtube", method: .post) { response in
                #expect(response.status == .accepted)
                let body = try JSONDecoder().decode(SignInBody.self, from: Data(response.body.readableBytesView))
                #expect(body.status == "pending")
                #expect(body.userCode == YouTubeTestBackend.userCode)
                #expect(body.verificationURI == "https://www.google.com/device")
            }
            await youtube.backend.approveDeviceCode()
            let signIn = try #require(chat.youtubeSignIn)
            #expect(await signIn.outcome() == .signedIn(account: "Dallas Plays"))
            try await client.execute(uri: "/api/auth/youtube", method: .get) { response in
                let text = String(buffer: response.body)
                let body = try JSONDecoder().decode(SignInBody.self, from: Data(text.utf8))
                #expect(body.status == "signed_in")
                #expect(body.account == "Dallas Plays")
                #expect(!text.contains("access-") && !text.contains("refresh-"))
            }
            // The token is in the database, which only its owner may read.
            let attributes = try FileManager.default.attributesOfItem(atPath: configuration.databasePath)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let stored = try await chat.store.credential(for: "youtube")
            #expect(stored != nil)

            try await client.execute(uri: "/api/auth/twitch", method: .post) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("sign_in_not_configured"))
            }
            try await client.execute(uri: "/api/auth/youtube", method: .delete) { response in
                let body = try JSONDecoder().decode(SignInBody.self, from: Data(response.body.readableBytesView))
                #expect(body.status == "signed_out")
            }
            let forgotten = try await chat.store.credential(for: "youtube")
            #expect(forgotten == nil)
        }
        await youtube.stop()
    }
}

private struct SourcesBody: Decodable {
    struct YouTube: Decodable {
        struct Stream: Decodable {
            let stream: String
            let state: String
        }
        struct Quota: Decodable {
            let daily: Int
            let used: Int
        }
        let streams: [Stream]
        let quota: Quota
    }
    let youtube: YouTube
}

private struct SignInBody: Decodable {
    let status: String
    let account: String?
    let userCode: String?
    let verificationURI: String?

    enum CodingKeys: String, CodingKey {
        case status, account
        case userCode = "user_code"
        case verificationURI = "verification_uri"
    }
}
