import ChatSources
import Foundation
import Logging
import TestSupport
import Testing

/// The client against a local server that speaks Twitch's IRC, over plain TCP and over TLS with a private CA.
@Suite(.timeLimit(.minutes(1))) struct TwitchIRCClientTests {
    private func configuration(_ server: TwitchIRCTestServer, tls: TestCertificateAuthority? = nil) throws -> TwitchIRCConfiguration {
        TwitchIRCConfiguration(
            host: "127.0.0.1",
            port: server.port,
            tls: tls != nil,
            tlsCAFile: tls?.caFile.path,
            channels: [try #require(TwitchChannel("dallas"))],
            initialBackoff: .milliseconds(10),
            maxBackoff: .milliseconds(50)
        )
    }

    /// Runs `client` while `body` talks to the server, then stops it.
    private func withClient(
        _ configuration: TwitchIRCConfiguration,
        sink: RecordingChatSink,
        _ body: @Sendable (TwitchIRCClient) async throws -> Void
    ) async throws {
        let client = TwitchIRCClient(configuration: configuration, sink: sink, logger: Logger(label: "test"))
        let running = Task { try await client.run() }
        defer { running.cancel() }
        try await body(client)
    }

    @Test(arguments: [false, true])
    func logsInJoinsReadsAndAnswersPing(tls: Bool) async throws {
        let certificates = tls ? try await TestCertificateAuthority.make() : nil
        let server = try await TwitchIRCTestServer.start(certificates: certificates)
        let sink = RecordingChatSink()
        try await withClient(try configuration(server, tls: certificates), sink: sink) { _ in
            let connection = try #require(await server.nextConnection())
            #expect(await connection.nextLine() == "CAP REQ :twitch.tv/tags twitch.tv/commands twitch.tv/membership")
            let nick = try #require(await connection.acceptLogin())
            #expect(nick.firstMatch(of: /^NICK justinfan\d+$/) != nil)
            #expect(await connection.line(startingWith: "JOIN") == "JOIN #dallas")
            await sink.waitForState(.connected)

            connection.send("PING :tmi.twitch.tv")
            #expect(await connection.line(startingWith: "PONG") == "PONG :tmi.twitch.tv")

            connection.send(#"@display-name=Bob\sB;id=m1;user-id=7 :bob!bob@bob.tmi.twitch.tv PRIVMSG #dallas :hello chat"#)
            guard case .message(let message) = await sink.nextEvent() else {
                Issue.record("no message")
                return
            }
            #expect(message.id == "m1")
            #expect(message.displayName == "Bob B")
            #expect(message.text == "hello chat")

            connection.send("@login=bob;target-msg-id=m1 :tmi.twitch.tv CLEARMSG #dallas :hello chat")
            #expect(await sink.nextEvent() == .moderation(.messageDeleted(platform: .twitch, channel: "dallas", messageID: "m1")))
        }
        await server.stop()
    }

    @Test func sendsTheTokenAndStopsAfterALoginFailure() async throws {
        let server = try await TwitchIRCTestServer.start()
        var configuration = try configuration(server)
        configuration.login = "MyBot"
        configuration.oauthToken = "secret123"
        let sink = RecordingChatSink()
        try await withClient(configuration, sink: sink) { client in
            let connection = try #require(await server.nextConnection())
            #expect(await connection.line(startingWith: "PASS") == "PASS oauth:secret123")
            #expect(await connection.nextLine() == "NICK mybot")
            connection.send(":tmi.twitch.tv NOTICE * :Login authentication failed")
            connection.close()
            await sink.waitForState(.authFailed)
            #expect(await client.state == .authFailed)
        }
        await server.stop()
    }

    @Test func reconnectsWhenAskedWhenDroppedAndWhenSilent() async throws {
        let server = try await TwitchIRCTestServer.start()
        var configuration = try configuration(server)
        configuration.silenceTimeout = .milliseconds(300)
        let sink = RecordingChatSink()
        try await withClient(configuration, sink: sink) { client in
            let first = try #require(await server.nextConnection())
            try #require(await first.acceptLogin() != nil)
            first.send(":tmi.twitch.tv RECONNECT")

            let second = try #require(await server.nextConnection())
            try #require(await second.acceptLogin() != nil)
            #expect(await second.line(startingWith: "JOIN") == "JOIN #dallas")
            second.close()

            let third = try #require(await server.nextConnection())
            try #require(await third.acceptLogin() != nil)
            #expect(await third.line(startingWith: "JOIN") == "JOIN #dallas")
            // Say nothing: past the silence timeout the client gives up on this connection and dials again.
            let fourth = try #require(await server.nextConnection())
            try #require(await fourth.acceptLogin() != nil)

            // Channels joined and left at run time go out on the live connection.
            await client.join(try #require(TwitchChannel("#Other_Channel")))
            #expect(await fourth.line(startingWith: "JOIN") == "JOIN #dallas")
            #expect(await fourth.line(startingWith: "JOIN") == "JOIN #other_channel")
            await client.part(try #require(TwitchChannel("dallas")))
            #expect(await fourth.line(startingWith: "PART") == "PART #dallas")
        }
        await server.stop()
    }
}
