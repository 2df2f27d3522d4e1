import Foundation
import Logging
import TestSupport
import Testing

@testable import ChatSources

/// The EventSub reader against a local server that speaks Twitch's EventSub WebSocket transport and Helix.
@Suite(.timeLimit(.minutes(1))) struct TwitchEventSubClientTests {
    /// A session whose stored token the local server accepts (as after `ishowtts twitch login`).
    private func signedInSession(
        _ server: TwitchEventSubTestServer,
        token: String = "stored-token"
    ) async throws -> (OAuthSession, InMemoryCredentialStore) {
        let store = InMemoryCredentialStore()
        try await store.save(OAuthToken(accessToken: token, refreshToken: nil, expiresAt: nil, scopes: ["user:read:chat"]), for: "twitch")
        await server.backend.acceptToken(token)
        return (OAuthSession(authorization: try authorization(server), store: store), store)
    }

    private func authorization(_ server: TwitchEventSubTestServer) throws -> DeviceAuthorization {
        DeviceAuthorization(
            client: OAuthClient(
                provider: "twitch",
                deviceAuthorizationURL: try #require(URL(string: server.authURL + "/device")),
                tokenURL: try #require(URL(string: server.authURL + "/token")),
                clientID: TwitchTestBackend.clientID,
                scopes: ["user:read:chat", "channel:read:redemptions"]
            )
        )
    }

    private func withClient(
        _ server: TwitchEventSubTestServer,
        session: OAuthSession,
        channels: [String] = ["dallas"],
        validationInterval: Duration? = nil,
        _ body: (TwitchEventSubClient, RecordingChatSink) async throws -> Void
    ) async throws {
        let sink = RecordingChatSink()
        var logger = Logger(label: "TwitchEventSubClientTests")
        logger.logLevel = .critical
        let configuration = TwitchEventSubConfiguration(
            webSocketURL: server.webSocketURL,
            helixURL: try #require(URL(string: server.helixURL)),
            clientID: TwitchTestBackend.clientID,
            channels: channels.compactMap(TwitchChannel.init),
            initialBackoff: .milliseconds(20),
            maxBackoff: .milliseconds(100),
            keepaliveGrace: .milliseconds(300),
            validateURL: validationInterval.flatMap { _ in URL(string: server.authURL + "/validate") },
            validationInterval: validationInterval ?? .seconds(3600)
        )
        let client = TwitchEventSubClient(configuration: configuration, session: session, sink: sink, logger: logger)
        let running = Task { try await client.run() }
        defer { running.cancel() }
        try await body(client, sink)
        running.cancel()
        _ = try? await running.value
    }

    private func texts(_ events: [ChatEvent]) -> [String] {
        events.compactMap { if case .message(let message) = $0 { message.text } else { nil } }
    }

    private func line(_ id: String, _ text: String, login: String = "alice", userID: String = "3001") -> [String: any Sendable] {
        EventSubTestEvents.chatMessage(
            id: id,
            login: login,
            userID: userID,
            name: login.capitalized,
            fragments: [EventSubTestEvents.fragment("text", text)]
        )
    }

    @Test func theWelcomeSubscribesToTheChatEventsThenMessagesAndModerationArrive() async throws {
        let server = try await TwitchEventSubTestServer.start()
        let (session, _) = try await signedInSession(server)
        try await withClient(server, session: session) { _, sink in
            let connection = try #require(await server.nextConnection())
            await sink.waitForState(.connected)
            let subscriptions = await server.backend.subscriptions
            #expect(subscriptions.map(\.type) == TwitchEventSubClient.chatSubscriptions)
            #expect(
                subscriptions.allSatisfy {
                    $0.condition == ["broadcaster_user_id": "1001", "user_id": "2002"] && $0.sessionID == connection.sessionID
                }
            )

            connection.notify("channel.chat.message", event: line("m1", "hello chat"))
            connection.notify("channel.chat.message", event: line("m2", "delete me", login: "bob", userID: "3002"))
            connection.notify("channel.chat.message_delete", event: EventSubTestEvents.messageDelete("m2", login: "bob", userID: "3002"))
            connection.notify("channel.chat.clear_user_messages", event: EventSubTestEvents.clearUserMessages(login: "bob", userID: "3002"))
            connection.notify("channel.chat.clear", event: EventSubTestEvents.broadcaster)
            let events = await sink.nextEvents(5)
            #expect(texts(events) == ["hello chat", "delete me"])
            #expect(events[2] == .moderation(.messageDeleted(platform: .twitch, channel: "dallas", messageID: "m2")))
            #expect(events[3] == .moderation(.userCleared(platform: .twitch, channel: "dallas", userID: "3002", login: "bob")))
            #expect(events[4] == .moderation(.chatCleared(platform: .twitch, channel: "dallas")))
        }
        await server.stop()
    }

    @Test func aRedeliveredNotificationIsDroppedByItsMessageID() async throws {
        let server = try await TwitchEventSubTestServer.start()
        let (session, _) = try await signedInSession(server)
        try await withClient(server, session: session) { _, sink in
            let connection = try #require(await server.nextConnection())
            await sink.waitForState(.connected)
            connection.notify("channel.chat.message", event: line("m1", "once"), messageID: "delivery-1")
            connection.notify("channel.chat.message", event: line("m1", "once"), messageID: "delivery-1")
            connection.notify("channel.chat.message", event: line("m2", "twice"), messageID: "delivery-2")
            #expect(texts(await sink.nextEvents(2)) == ["once", "twice"])
            #expect(sink.received.count == 2)
        }
        await server.stop()
    }

    @Test func aMissedKeepaliveReplacesTheConnectionAndSubscribesAgain() async throws {
        let server = try await TwitchEventSubTestServer.start(keepaliveSeconds: 1)
        let (session, _) = try await signedInSession(server)
        try await withClient(server, session: session) { _, sink in
            let first = try #require(await server.nextConnection())
            await sink.waitForState(.connected)
            // The server goes silent: after the keepalive window the reader gives up on it and connects again.
            let report = await sink.waitForState(.reconnecting)
            #expect(report?.detail == "no message within the keepalive window")
            await first.waitUntilClosed()
            let second = try #require(await server.nextConnection())
            #expect(second.sessionID != first.sessionID)
            await server.backend.waitForSubscriptions(10)
            let renewed = await server.backend.subscriptions.filter { $0.sessionID == second.sessionID }
            #expect(renewed.count == TwitchEventSubClient.chatSubscriptions.count)
        }
        await server.stop()
    }

    @Test func keepalivesKeepAQuietConnectionOpenPastItsWindow() async throws {
        // A 3 s window (5 s with the client's grace), a keepalive every 500 ms, nobody chatting: fourteen keepalives span
        // 7 s, past the deadline. The window leaves room for a loaded machine's stalls (a 1 s window did not).
        let server = try await TwitchEventSubTestServer.start(keepaliveSeconds: 3, keepaliveEvery: .milliseconds(500))
        let (session, _) = try await signedInSession(server)
        try await withClient(server, session: session) { client, sink in
            let connection = try #require(await server.nextConnection())
            await sink.waitForState(.connected)
            await connection.waitForKeepalives(14)
            connection.notify("channel.chat.message", event: line("m1", "still the same socket"))
            #expect(texts(await sink.nextEvents(1)) == ["still the same socket"])
            #expect(sink.stateReports.map(\.state) == [.connecting, .connected])
            #expect(await client.state == .connected)
        }
        await server.stop()
    }

    @Test func sessionReconnectMovesWithoutLosingOrDoublingAnything() async throws {
        let server = try await TwitchEventSubTestServer.start()
        let (session, _) = try await signedInSession(server)
        try await withClient(server, session: session) { _, sink in
            let old = try #require(await server.nextConnection())
            await sink.waitForState(.connected)
            old.notify("channel.chat.message", event: line("m1", "before the move"))
            #expect(texts(await sink.nextEvents(1)) == ["before the move"])

            old.reconnect(to: server.reconnectURL(for: old.sessionID))
            let new = try #require(await server.nextConnection())
            #expect(new.sessionID == old.sessionID)
            #expect(new.target.contains("session=\(old.sessionID)"))
            // In flight on the old socket, then delivered again on the new one: spoken once.
            old.notify("channel.chat.message", event: line("m2", "during the move"), messageID: "delivery-m2")
            new.notify("channel.chat.message", event: line("m2", "during the move"), messageID: "delivery-m2")
            new.notify("channel.chat.message", event: line("m3", "after the move"))
            #expect(texts(await sink.nextEvents(2)) == ["during the move", "after the move"])
            // The old socket is let go after the new welcome; the subscriptions moved with the session.
            await old.waitUntilClosed()
            #expect(await server.backend.subscriptions.count == TwitchEventSubClient.chatSubscriptions.count)
            #expect(sink.stateReports.filter { $0.state == .reconnecting }.isEmpty)
        }
        await server.stop()
    }

    @Test func aRevocationStopsWithAVisibleStateAndNoRetryLoop() async throws {
        let server = try await TwitchEventSubTestServer.start()
        let (session, _) = try await signedInSession(server)
        try await withClient(server, session: session) { client, sink in
            let connection = try #require(await server.nextConnection())
            await sink.waitForState(.connected)
            // Losing one subscription (the reader was removed from one channel's chat) is not losing the sign-in.
            connection.revoke("channel.chat.notification", status: "user_removed")
            connection.notify("channel.chat.message", event: line("m1", "still reading"))
            #expect(texts(await sink.nextEvents(1)) == ["still reading"])
            connection.revoke("channel.chat.message", status: "authorization_revoked")
            let report = await sink.waitForState(.authFailed)
            #expect(report?.detail == "channel.chat.message revoked: authorization_revoked")
            await connection.waitUntilClosed()
            #expect(await client.state == .authFailed)
            // It waits for new credentials rather than retrying; a new sign-in starts it again.
            await server.backend.acceptToken("new-token")
            try await session.signedIn(OAuthToken(accessToken: "new-token", refreshToken: nil, expiresAt: nil, scopes: ["user:read:chat"]))
            let again = try #require(await server.nextConnection())
            #expect(again.sessionID != connection.sessionID)
            await sink.waitForState(.connected)
        }
        await server.stop()
    }

    @Test func theTokenIsValidatedAndOneTwitchDropsEndsTheReading() async throws {
        let server = try await TwitchEventSubTestServer.start()
        let (session, store) = try await signedInSession(server)
        try await withClient(server, session: session, validationInterval: .milliseconds(100)) { _, sink in
            _ = try #require(await server.nextConnection())
            await sink.waitForState(.connected)
            #expect(await server.backend.requests.contains("GET /oauth2/validate"))
            // The streamer disconnected the app at twitch.tv: the hourly check notices, no refresh token can help.
            await server.backend.expireToken("stored-token")
            let report = await sink.waitForState(.authFailed)
            #expect(report?.detail?.contains("sign in again") == true)
            // A sign-in that can never be renewed is dropped, so `auto` falls back to IRC.
            #expect(try await store.token(for: "twitch") == nil)
        }
        await server.stop()
    }

    @Test func aSignInByAnotherProcessIsFoundInTheStore() async throws {
        let server = try await TwitchEventSubTestServer.start()
        let store = InMemoryCredentialStore()
        // `ishowtts twitch login` writes the server's database from another process: the reader looks there again.
        let session = OAuthSession(authorization: try authorization(server), store: store, storeCheckInterval: .milliseconds(50))
        try await withClient(server, session: session) { _, sink in
            await sink.waitForState(.authFailed)
            await server.backend.acceptToken("from-the-cli")
            try await store.save(OAuthToken(accessToken: "from-the-cli", refreshToken: nil, expiresAt: nil, scopes: []), for: "twitch")
            _ = try #require(await server.nextConnection())
            await sink.waitForState(.connected)
        }
        await server.stop()
    }

    @Test func notSignedInIsAVisibleStateUntilASignInThenAnExpiredTokenIsRenewed() async throws {
        let server = try await TwitchEventSubTestServer.start()
        let store = InMemoryCredentialStore()
        let session = OAuthSession(authorization: try authorization(server), store: store)
        try await withClient(server, session: session) { client, sink in
            let refused = await sink.waitForState(.authFailed)
            #expect(refused?.detail == "not signed in to twitch")

            // Twitch's device flow: the pending answer comes in `message`, scopes as a list.
            let signIn = DeviceSignIn(session: session, accountName: { try await client.signedInLogin() })
            let prompt = try await signIn.begin()
            #expect(prompt.userCode == TwitchTestBackend.userCode)
            await server.backend.approveDeviceCode()
            #expect(await signIn.outcome() == .signedIn(account: "readerbot"))
            _ = try #require(await server.nextConnection())
            await sink.waitForState(.connected)
            let first = try #require(try await store.token(for: "twitch"))
            #expect(first.scopes == ["user:read:chat"])

            // The token expires: Helix answers 401, the reader renews it (a one-use refresh token) and goes on.
            await server.backend.expireToken(first.accessToken)
            await client.part(try #require(TwitchChannel("dallas")))
            await client.join(try #require(TwitchChannel("dallas")))
            let renewed = try #require(try await store.token(for: "twitch"))
            #expect(renewed.accessToken != first.accessToken)
            #expect(renewed.refreshToken != first.refreshToken)
            #expect(await server.backend.requests.contains("POST /oauth2/token"))
        }
        await server.stop()
    }
}
