import AudioIO
import ChatSources
import CompositionRoot
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Settings
import SpeechCore
import TestSupport
import Testing

@testable import APIServer

/// Twitch over EventSub through the real server: it reads anonymously over IRC until the streamer signs in from the
/// panel, then switches to EventSub (with `transport = "auto"`), and the Piper voice speaks what EventSub delivers.
@Suite(.timeLimit(.minutes(2))) struct TwitchEventSubEndToEndTests {
    @Test func signingInFromThePanelSwitchesToEventSubAndChatIsSpokenInOrder() async throws {
        let irc = try await TwitchIRCTestServer.start()
        // Keepalives as Twitch sends them: on a slow machine the connection is never taken for dead (and replaced).
        let twitch = try await TwitchEventSubTestServer.start(keepaliveSeconds: 10, keepaliveEvery: .seconds(2))
        var configuration = ChatEndToEndTests.configuration(twitchPort: irc.port)
        configuration.twitch.clientID = TwitchTestBackend.clientID
        configuration.twitch.eventSubURL = twitch.webSocketURL
        configuration.twitch.helixURL = twitch.helixURL
        configuration.twitch.authURL = twitch.authURL
        try await TestServer.withChat(configuration: configuration) { client, chat in
            let port = try #require(client.port)
            // No sign-in yet: anonymous IRC.
            let ircConnection = try #require(await irc.nextConnection())
            try #require(await ircConnection.acceptLogin() != nil)
            #expect(await chat.twitch.activeTransport == .irc)

            try await client.execute(uri: "/api/auth/twitch", method: .post) { response in
                #expect(response.status == .accepted)
                #expect(String(buffer: response.body).contains(TwitchTestBackend.userCode))
            }
            await twitch.backend.approveDeviceCode()
            let signIn = try #require(chat.twitchSignIn)
            #expect(await signIn.outcome() == .signedIn(account: "readerbot"))
            let connection = try #require(await twitch.nextConnection())
            await twitch.backend.waitForSubscriptions(TwitchEventSubClient.chatSubscriptions.count)
            #expect(await chat.twitch.activeTransport == .eventsub)

            try await client.execute(uri: "/api/queue/pause", method: .post) { #expect($0.status == .ok) }
            let events = chat.gateway.events.subscribe()
            let player = WebSocketPlayer(url: "ws://127.0.0.1:\(port)/api/danmaku/stream")
            // An open player would hold the server's graceful shutdown, and so the test, should an expectation fail.
            defer { player.close() }
            try await player.waitUntilConnected(hub: chat.gateway.events)
            func line(_ id: String, _ login: String, _ text: String) -> [String: any Sendable] {
                EventSubTestEvents.chatMessage(
                    id: id,
                    login: login,
                    userID: "u-\(login)",
                    name: login.capitalized,
                    fragments: [EventSubTestEvents.fragment("text", text)]
                )
            }
            connection.notify("channel.chat.message", event: line("m1", "alice", "first line"))
            connection.notify("channel.chat.message", event: line("m2", "bob", "deleted line"))
            connection.notify("channel.chat.message", event: line("m3", "carol", "third line"))
            connection.notify("channel.chat.message_delete", event: EventSubTestEvents.messageDelete("m2", login: "bob", userID: "u-bob"))
            let seen = await TestChat.collect(events, until: { $0.kind == .removed && $0.item?.id == "m2" })
            #expect(seen.filter { $0.kind == .queued }.map { $0.item?.id } == ["m1", "m2", "m3"])

            try await client.execute(uri: "/api/queue/resume", method: .post) { #expect($0.status == .ok) }
            let packets = try await player.packets(count: 2)
            #expect(packets.map(\.header.displayText) == ["Alice says first line", "Carol says third line"])
            #expect(packets.map(\.header.platform) == ["Twitch", "Twitch"])
            for packet in packets { #expect(try AudioDecoder().decode(packet.wav).duration > 0.5) }

            try await client.execute(uri: "/api/sources", method: .get) { response in
                #expect(String(buffer: response.body).contains(#""twitch_transport":"eventsub""#))
            }
            try await client.execute(uri: "/api/auth/twitch", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#""status":"signed_in""#))
                #expect(text.contains(#""account":"readerbot""#))
                #expect(!text.contains("twitch-access"))
            }
        }
        await twitch.stop()
        await irc.stop()
    }
}
