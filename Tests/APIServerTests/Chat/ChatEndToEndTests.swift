import AudioIO
import ChatSources
import CompositionRoot
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import NIOCore
import Settings
import SpeechCore
import TestSupport
import Testing

@testable import APIServer

/// Chat to speech through the real server: a local Twitch IRC server feeds it, the Piper voice speaks, and a
/// WebSocket player (the original's `/api/danmaku/stream` packets) receives the audio.
@Suite(.timeLimit(.minutes(2))) struct ChatEndToEndTests {
    static func configuration(twitchPort: Int? = nil, dataDirectory: String = TestChat.newDataDirectory()) -> ServerConfiguration {
        var configuration = ServerConfiguration.piperOnlyForTests()
        configuration.dataDirectory = dataDirectory
        configuration.chat.gapMilliseconds = 0
        if let twitchPort {
            configuration.twitch = TwitchSettings(server: Settings.BindAddress(host: "127.0.0.1", port: twitchPort), tls: false, channels: ["dallas"])
        }
        return configuration
    }

    @Test func chatLinesAreSpokenInOrderAndADeletedOneNever() async throws {
        let irc = try await TwitchIRCTestServer.start()
        try await TestServer.withChat(configuration: Self.configuration(twitchPort: irc.port)) { client, chat in
            let port = try #require(client.port)
            let connection = try #require(await irc.nextConnection())
            try #require(await connection.acceptLogin() != nil)
            #expect(await connection.line(startingWith: "JOIN") == "JOIN #dallas")

            // Hold playback so the deletion lands before its turn, whatever the machine's speed.
            try await client.execute(uri: "/api/queue/pause", method: .post) { #expect($0.status == .ok) }
            let events = chat.gateway.events.subscribe()
            let player = WebSocketPlayer(url: "ws://127.0.0.1:\(port)/api/danmaku/stream")
            // An open player would hold the server's graceful shutdown, and so the test, should an expectation fail.
            defer { player.close() }
            try await player.waitUntilConnected(hub: chat.gateway.events)

            connection.send(#"@color=#FF0000;display-name=Alice;id=m1;user-id=1 :alice!alice@alice.tmi.twitch.tv PRIVMSG #dallas :first line"#)
            connection.send(#"@display-name=Bob;id=m2;user-id=2 :bob!bob@bob.tmi.twitch.tv PRIVMSG #dallas :deleted line"#)
            connection.send(#"@display-name=Carol;id=m3;user-id=3 :carol!carol@carol.tmi.twitch.tv PRIVMSG #dallas :third line"#)
            connection.send("@login=bob;target-msg-id=m2 :tmi.twitch.tv CLEARMSG #dallas :deleted line")
            let seen = await TestChat.collect(events, until: { $0.kind == .removed && $0.item?.id == "m2" })
            #expect(seen.filter { $0.kind == .queued }.map { $0.item?.id } == ["m1", "m2", "m3"])
            #expect(seen.last?.reason == .moderated)

            try await client.execute(uri: "/api/queue/resume", method: .post) { #expect($0.status == .ok) }
            let packets = try await player.packets(count: 2)
            #expect(packets.map(\.header.username) == ["Alice", "Carol"])
            #expect(packets.map(\.header.displayText) == ["Alice says first line", "Carol says third line"])
            #expect(packets.map(\.header.platform) == ["Twitch", "Twitch"])
            #expect(packets.first?.header.color == "#FF0000")
            for packet in packets {
                let audio = try AudioDecoder().decode(packet.wav)
                #expect(audio.duration > 0.5)
            }
            let finished = await TestChat.collect(events, until: { $0.kind == .finished && $0.item?.id == "m3" })
            #expect(!finished.contains { $0.item?.id == "m2" && ($0.kind == .speaking || $0.kind == .finished) })
        }
        await irc.stop()
    }

    @Test func pendingItemsAreSpokenAfterARestartExactlyOnce() async throws {
        let dataDirectory = TestChat.newDataDirectory()
        let configuration = Self.configuration(dataDirectory: dataDirectory)
        try await TestServer.withChat(configuration: configuration) { client, chat in
            try await client.execute(uri: "/api/queue/pause", method: .post) { #expect($0.status == .ok) }
            for (index, text) in ["one", "two", "three"].enumerated() {
                let body = try TestServer.json(["id": "r\(index)", "username": "viewer\(index)", "content": ["Text": "message \(text)"]])
                try await client.execute(uri: "/api/danmaku/enqueue", method: .post, headers: TestServer.jsonHeaders, body: body) {
                    #expect($0.status == .accepted)
                }
            }
            // Stopped with three items waiting.
            _ = chat
        }
        try await TestServer.withChat(configuration: configuration) { client, chat in
            // A paused queue stays paused across a restart.
            #expect(chat.gateway.snapshot().paused)
            #expect(chat.gateway.snapshot().items.map(\.item.id) == ["r0", "r1", "r2"])
            let events = chat.gateway.events.subscribe()
            try await client.execute(uri: "/api/queue/resume", method: .post) { #expect($0.status == .ok) }
            let spoken = await TestChat.collect(events, until: { ($0.kind == .finished && $0.item?.id == "r2") || $0.kind == .failed })
            #expect(spoken.filter { $0.kind == .speaking }.map { $0.item?.id } == ["r0", "r1", "r2"])
        }
        try await TestServer.withChat(configuration: configuration) { _, chat in
            #expect(chat.gateway.snapshot().items.isEmpty)
        }
    }

    @Test func queueAndSettingsEndpointsAnswerWithJSONAndClearErrors() async throws {
        try await TestServer.withChat(configuration: Self.configuration()) { client, _ in
            try await client.execute(uri: "/api/queue/pause", method: .post) { #expect($0.status == .ok) }
            let body = try TestServer.json(["id": "q1", "username": "viewer", "priority": "Paid", "content": ["Text": "paid message"]])
            try await client.execute(uri: "/api/danmaku/enqueue", method: .post, headers: TestServer.jsonHeaders, body: body) {
                #expect($0.status == .accepted)
            }
            let bot = try TestServer.json(["username": "Nightbot", "content": ["Text": "hello"]])
            try await client.execute(uri: "/api/danmaku/enqueue", method: .post, headers: TestServer.jsonHeaders, body: bot) {
                #expect($0.status == .noContent)
                #expect($0.headers[.filterReason] == "ignored_user")
            }
            try await client.execute(uri: "/api/queue", method: .get) { response in
                let queue = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                let items = queue?["items"] as? [[String: Any]]
                #expect((items?.first?["item"] as? [String: Any])?["lane"] as? String == "paid")
                #expect(queue?["paused"] as? Bool == true)
            }
            try await client.execute(uri: "/api/queue/nope", method: .delete) { #expect($0.status == .notFound) }
            let second = try TestServer.json(["id": "q2", "username": "spammer", "content": ["Text": "buy my stuff"]])
            try await client.execute(uri: "/api/danmaku/enqueue", method: .post, headers: TestServer.jsonHeaders, body: second) {
                #expect($0.status == .accepted)
            }
            try await client.execute(uri: "/api/queue/users/Spammer", method: .delete) { response in
                #expect(String(buffer: response.body) == #"{"removed":1}"#)
            }
            try await client.execute(uri: "/api/queue/q1", method: .delete) { #expect($0.status == .noContent) }
            let bad = try TestServer.json(["max_characters": 0])
            try await client.execute(uri: "/api/gateway/settings", method: .put, headers: TestServer.jsonHeaders, body: bad) { response in
                #expect(response.status == .badRequest)
                let error = try JSONDecoder().decode(FieldErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(error.error.field == "max_characters")
            }
            let start = try TestServer.json(["platform": "twitch", "channel": "bad channel!"])
            try await client.execute(uri: "/api/danmaku/start", method: .post, headers: TestServer.jsonHeaders, body: start) {
                #expect($0.status == .badRequest)
            }
            let notAVideo = try TestServer.json(["platform": "youtube", "channel": "abc"])
            try await client.execute(uri: "/api/danmaku/start", method: .post, headers: TestServer.jsonHeaders, body: notAVideo) { response in
                #expect(response.status == .badRequest)
                let error = try JSONDecoder().decode(FieldErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(error.error.field == "channel")
            }
            // A valid stream, but no [youtube] api_key and no sign-in: a conflict that says what to set.
            let youtube = try TestServer.json(["platform": "youtube", "channel": "https://youtu.be/dQw4w9WgXcQ"])
            try await client.execute(uri: "/api/danmaku/start", method: .post, headers: TestServer.jsonHeaders, body: youtube) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("api_key"))
            }
            let kick = try TestServer.json(["platform": "kick", "channel": "dallas"])
            try await client.execute(uri: "/api/danmaku/start", method: .post, headers: TestServer.jsonHeaders, body: kick) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("invalid_platform"))
            }
        }
    }

    @Test func theEventWebSocketResumesAndQueuedAudioIsServed() async throws {
        try await TestServer.withChat(configuration: Self.configuration()) { client, chat in
            let port = try #require(client.port)
            chat.gateway.pause()  // event 1
            let body = try TestServer.json(["id": "w1", "username": "viewer", "content": ["Text": "render me please"]])
            try await client.execute(uri: "/api/danmaku/enqueue", method: .post, headers: TestServer.jsonHeaders, body: body) {
                #expect($0.status == .accepted)  // event 2
            }
            let frames = try await EventSocketReader.read(url: "ws://127.0.0.1:\(port)/api/events?since=0", count: 2)
            #expect(frames.map { $0["seq"] as? Int } == [1, 2])
            #expect(frames.map { $0["type"] as? String } == ["paused", "queued"])

            // Rendered ahead while paused: its audio is served before it speaks.
            _ = await TestChat.collect(chat.gateway.events.subscribe(since: 0), until: { $0.kind == .rendered && $0.item?.id == "w1" })
            try await client.execute(uri: "/api/queue/w1/audio", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "audio/wav")
                let audio = try AudioDecoder().decode(Data(response.body.readableBytesView))
                #expect(audio.duration > 0.5)
            }
            try await client.execute(uri: "/api/queue/nothing/audio", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func serverSentEventsResumeFromLastEventID() async throws {
        try await TestServer.withChat(configuration: Self.configuration()) { client, chat in
            try await client.execute(uri: "/api/queue/pause", method: .post) { #expect($0.status == .ok) }
            chat.gateway.resume()
            chat.gateway.pause()
            // Sequences 1 (paused), 2 (resumed), 3 (paused): a client that saw 1 gets 2 and 3, then the live stream.
            let sse = try await SSEReader.open(port: try #require(client.port), lastEventID: 1)
            let first = try await sse.nextEvent()
            let second = try await sse.nextEvent()
            #expect([first.id, second.id] == [2, 3])
            #expect([first.event, second.event] == ["resumed", "paused"])
            chat.gateway.resume()
            let live = try await sse.nextEvent()
            #expect(live.id == 4)
            #expect(live.event == "resumed")
            sse.close()
        }
    }
}

struct FieldErrorBody: Decodable {
    struct Detail: Decodable {
        let code: String
        let field: String?
    }
    let error: Detail
}
