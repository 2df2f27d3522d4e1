import Foundation
import Logging
import Synchronization
import TestSupport
import Testing

@testable import ChatSources

/// The YouTube reader against a local server that speaks the Data API: paging, history, polling pace, failures.
@Suite(.timeLimit(.minutes(1))) struct YouTubeChatClientTests {
    static let video = "dQw4w9WgXcQ"
    static let chat = "chat-1"
    let alice = YouTubeTestItem.Author.viewer("alice")
    let bob = YouTubeTestItem.Author.viewer("bob")
    let mod = YouTubeTestItem.Author.viewer("mod", moderator: true)

    /// Runs a client reading `streams` from `server` until `body` returns.
    private func withClient(
        _ server: YouTubeTestServer,
        credentials: YouTubeCredentials = .apiKey("test-key"),
        streams: [YouTubeStream] = [.video(Self.video)],
        dailyQuota: Int = 100_000_000,  // plenty: the pace is then YouTube's own
        _ body: (YouTubeChatClient, RecordingChatSink) async throws -> Void
    ) async throws {
        let sink = RecordingChatSink()
        var logger = Logger(label: "YouTubeChatClientTests")
        logger.logLevel = .critical
        let configuration = YouTubeChatConfiguration(
            apiBaseURL: try #require(URL(string: server.apiURL)),
            streams: streams,
            dailyQuotaUnits: dailyQuota,
            initialBackoff: .milliseconds(20),
            maxBackoff: .milliseconds(100)
        )
        let client = YouTubeChatClient(configuration: configuration, credentials: credentials, sink: sink, logger: logger)
        let running = Task { try await client.run() }
        defer { running.cancel() }
        try await body(client, sink)
        running.cancel()
        _ = try? await running.value
    }

    private func texts(_ events: [ChatEvent]) -> [String] {
        events.compactMap { if case .message(let message) = $0 { message.text } else { nil } }
    }

    @Test func historyIsSkippedThenEveryNewMessageArrivesOnceInOrder() async throws {
        let server = try await YouTubeTestServer.start()
        await server.backend.addVideo(Self.video, chatID: Self.chat)
        await server.backend.post([.text("h1", by: alice, "said before we came"), .text("h2", by: bob, "also old")], to: Self.chat)
        try await withClient(server) { client, sink in
            await sink.waitForState(.connected)
            await server.backend.post([.text("m1", by: alice, "first"), .text("m2", by: bob, "second")], to: Self.chat)
            await server.backend.post([.deleted("d1", target: "m2", by: mod), .text("m3", by: alice, "third")], to: Self.chat)
            let events = await sink.nextEvents(4)
            #expect(texts(events) == ["first", "second", "third"])
            #expect(events[2] == .moderation(.messageDeleted(platform: .youtube, channel: Self.video, messageID: "m2")))
            if case .message(let first) = events[0] {
                #expect(first.channel == Self.video)
                #expect(first.userID == "UCalice")
            }
            // Every page continued from the last one's token; the key went along; history was one call.
            let pages = await server.backend.requests(to: "/youtube/v3/liveChat/messages")
            #expect(pages.first?.query["pageToken"] == nil)
            #expect(pages.dropFirst().allSatisfy { $0.query["pageToken"] != nil })
            #expect(pages.allSatisfy { $0.query["key"] == "test-key" && $0.query["liveChatId"] == Self.chat })
            #expect(await client.streams.first?.state == .connected)
            #expect(await client.streams.first?.videoID == Self.video)
        }
        #expect(await server.backend.requests(to: "/youtube/v3/videos").count == 1)
        await server.stop()
    }

    @Test func waitsAsLongAsYouTubeAsksBetweenPages() async throws {
        let server = try await YouTubeTestServer.start()
        await server.backend.addVideo(Self.video, chatID: Self.chat)
        await server.backend.setPollingInterval(300)
        try await withClient(server) { client, sink in
            await sink.waitForState(.connected)
            await server.backend.waitForPageRequests(4)
            let times = await server.backend.requests(to: "/youtube/v3/liveChat/messages").map(\.at)
            for (earlier, later) in zip(times, times.dropFirst()) { #expect(later - earlier >= .milliseconds(300)) }
            #expect(await client.streams.first?.pollIntervalMilliseconds == 300)
        }
        await server.stop()
    }

    @Test func aLostConnectionResumesFromTheSamePageWithNothingLostOrDoubled() async throws {
        let server = try await YouTubeTestServer.start()
        await server.backend.addVideo(Self.video, chatID: Self.chat)
        try await withClient(server) { _, sink in
            await sink.waitForState(.connected)
            await server.backend.post([.text("m1", by: alice, "one")], to: Self.chat)
            #expect(texts([await sink.nextEvent()].compactMap { $0 }) == ["one"])
            await server.backend.failNextPages([(503, "backendError"), (429, "rateLimitExceeded")])
            await server.backend.post([.text("m2", by: bob, "two"), .text("m3", by: alice, "three")], to: Self.chat)
            let report = await sink.waitForState(.reconnecting)
            #expect(report?.detail?.contains("503") == true)
            #expect(texts(await sink.nextEvents(2)) == ["two", "three"])
            await sink.waitForState(.connected)
        }
        await server.stop()
    }

    @Test func aSpentQuotaWaitsForTheResetAndSaysSo() async throws {
        let server = try await YouTubeTestServer.start()
        await server.backend.addVideo(Self.video, chatID: Self.chat)
        try await withClient(server) { client, sink in
            await sink.waitForState(.connected)
            await server.backend.failNextPages([(403, "quotaExceeded")])
            let report = await sink.waitForState(.quotaExhausted)
            #expect(report?.detail?.contains("resumes at") == true)
            #expect(await client.quotaStatus.remaining == 0)
        }
        await server.stop()
    }

    @Test func aSmallQuotaIsSpreadOverThePlannedStream() async throws {
        let server = try await YouTubeTestServer.start()
        await server.backend.addVideo(Self.video, chatID: Self.chat)
        // 1,000 units, 6 spent finding the chat and reading history: 994 left, 198 pages over 4 hours.
        try await withClient(server, dailyQuota: 1_000) { client, sink in
            await sink.waitForState(.connected)
            let interval = try #require(await client.streams.first?.pollIntervalMilliseconds)
            #expect(interval >= 72_000)
            #expect(await client.quotaStatus.used == 6)
        }
        await server.stop()
    }

    @Test(arguments: [(403, "liveChatEnded"), (404, "liveChatNotFound")])
    func anEndedChatStopsItsReader(status: Int, reason: String) async throws {
        let server = try await YouTubeTestServer.start()
        await server.backend.addVideo(Self.video, chatID: Self.chat)
        try await withClient(server) { client, sink in
            await sink.waitForState(.connected)
            await server.backend.failNextPages([(status, reason)])
            let report = await sink.waitForState(.ended)
            #expect(report?.detail?.contains(reason) == true)
            #expect(await client.streams.first?.state == .ended)
        }
        await server.stop()
    }

    @Test func theChatGoingOfflineEndsTheReader() async throws {
        let server = try await YouTubeTestServer.start()
        await server.backend.addVideo(Self.video, chatID: Self.chat)
        try await withClient(server) { _, sink in
            await sink.waitForState(.connected)
            await server.backend.post([.text("m1", by: alice, "bye all")], to: Self.chat)
            await server.backend.endChat(Self.chat)
            let report = await sink.waitForState(.ended)
            #expect(report?.detail == "the live chat of \(Self.video) ended")
            #expect(texts(sink.received) == ["bye all"])
        }
        await server.stop()
    }

    @Test func aVideoThatIsNotLiveYetIsCheckedAgainUntilItIs() async throws {
        let server = try await YouTubeTestServer.start()
        await server.backend.addVideo(Self.video, chatID: nil)
        try await withClient(server) { _, sink in
            let waiting = await sink.waitForState(.reconnecting)
            #expect(waiting?.detail?.contains("not live yet") == true)
            await server.backend.addVideo(Self.video, chatID: Self.chat)
            await sink.waitForState(.connected)
            await server.backend.post([.text("m1", by: alice, "we are live")], to: Self.chat)
            #expect(texts(await sink.nextEvents(1)) == ["we are live"])
        }
        await server.stop()
    }

    @Test func aStreamThatHasEndedIsNotWaitedFor() async throws {
        let server = try await YouTubeTestServer.start()
        await server.backend.addVideo(Self.video, chatID: nil, ended: true)
        try await withClient(server) { _, sink in
            let report = await sink.waitForState(.ended)
            #expect(report?.detail == "the live stream of \(Self.video) has ended")
        }
        #expect(await server.backend.requests(to: "/youtube/v3/videos").count == 1)
        await server.stop()
    }

    @Test func aRefusedKeyStopsWithoutRetrying() async throws {
        let server = try await YouTubeTestServer.start()
        await server.backend.addVideo(Self.video, chatID: Self.chat)
        try await withClient(server, credentials: .apiKey("wrong-key")) { client, sink in
            let report = await sink.waitForState(.authFailed)
            #expect(report?.detail?.contains("keyInvalid") == true)
            #expect(await client.streams.first?.state == .authFailed)
        }
        #expect(await server.backend.requests(to: "/youtube/v3/videos").count == 1)
        await server.stop()
    }

    @Test func aSignedInChannelReadsItsOwnBroadcastAndRenewsAnExpiredToken() async throws {
        let server = try await YouTubeTestServer.start()
        await server.backend.setOwnBroadcast(videoID: Self.video, chatID: Self.chat)
        await server.backend.addVideo(Self.video, chatID: Self.chat)
        let store = InMemoryCredentialStore()
        let session = OAuthSession(
            authorization: DeviceAuthorization(
                client: OAuthClient(
                    provider: "youtube",
                    deviceAuthorizationURL: try #require(URL(string: server.deviceCodeURL)),
                    tokenURL: try #require(URL(string: server.tokenURL)),
                    clientID: "client",
                    clientSecret: "secret",
                    scopes: ["https://www.googleapis.com/auth/youtube.readonly"]
                )
            ),
            store: store
        )
        try await withClient(server, credentials: .oauth(session), streams: [.ownBroadcast]) { client, sink in
            // Nobody has signed in yet: refused, not retried.
            await sink.waitForState(.authFailed)
            let signIn = DeviceSignIn(session: session, accountName: { try await client.channelTitle() })
            let prompt = try await signIn.begin()
            #expect(prompt.userCode == YouTubeTestBackend.userCode)
            #expect(prompt.verificationURI == "https://www.google.com/device")
            #expect(await signIn.status() == .pending(prompt))
            await server.backend.approveDeviceCode()
            #expect(await signIn.outcome() == .signedIn(account: "Dallas Plays"))
            let stored = try #require(try await store.token(for: "youtube"))
            #expect(stored.refreshToken != nil)
            #expect(stored.account == "Dallas Plays")

            try await client.start(.ownBroadcast)
            await sink.waitForState(.connected)
            // The token expires mid-stream: one 401, a renewal, and the reading goes on.
            await server.backend.expireToken(stored.accessToken)
            await server.backend.post([.text("m1", by: alice, "still here")], to: Self.chat)
            #expect(texts(await sink.nextEvents(1)) == ["still here"])
            let renewed = try #require(try await store.token(for: "youtube"))
            #expect(renewed.accessToken != stored.accessToken)
            #expect(renewed.refreshToken == stored.refreshToken)
        }
        let broadcasts = await server.backend.requests(to: "/youtube/v3/liveBroadcasts")
        #expect(broadcasts.last?.query["broadcastStatus"] == "active")
        #expect(broadcasts.last?.authorization?.hasPrefix("Bearer ") == true)
        await server.stop()
    }
}

/// A credential store in memory (a test double: the server's own store is SQLite, tested through the HTTP suite).
final class InMemoryCredentialStore: CredentialStore {
    private let tokens = Mutex<[String: OAuthToken]>([:])

    func token(for provider: String) async throws -> OAuthToken? { tokens.withLock { $0[provider] } }
    func save(_ token: OAuthToken, for provider: String) async throws { tokens.withLock { $0[provider] = token } }
    func deleteToken(for provider: String) async throws { _ = tokens.withLock { $0.removeValue(forKey: provider) } }
}
