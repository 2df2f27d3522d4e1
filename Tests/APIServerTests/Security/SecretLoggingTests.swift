import ChatSources
import CompositionRoot
import Foundation
import Logging
import Settings
import TestSupport
import Testing

@testable import APIServer

/// API keys never reach the log, whether they come in a header, in a query or in the configuration, at trace level.
@Suite struct SecretLoggingTests {
    @Test func keysAreNeverLogged() async throws {
        let capture = LogCapture()
        try await TestServer.withServer(configuration: KeyScopeTests.configuration(), logger: capture.logger(level: .trace)) { server in
            let admin = KeyScopeTests.bearer(KeyScopeTests.adminKey)
            #expect(try await RawHTTPProbe.send("GET", "/api/voices", headers: admin, port: server.port).status == 200)
            #expect(try await RawHTTPProbe.send("GET", "/api/events?key=\(KeyScopeTests.playerKey)", port: server.port).status == 200)
            let upgrade = try await KeyScopeTests.upgrade("/api/danmaku/stream?key=\(KeyScopeTests.playerKey)", port: server.port)
            #expect(upgrade.status == 101)
            #expect(try await RawHTTPProbe.send("GET", "/api/queue?key=\(KeyScopeTests.adminKey)", port: server.port).status == 200)
            #expect(try await RawHTTPProbe.send("GET", "/api/queue?key=\(KeyScopeTests.adminKey)-wrong", port: server.port).status == 401)
        }
        let log = capture.text
        #expect(log.contains("/api/queue"))  // requests were logged, without their keys
        #expect(!log.contains(KeyScopeTests.adminKey))
        #expect(!log.contains(KeyScopeTests.playerKey))
    }
}

/// Platform sign-ins never reach the log: neither the tokens, nor the device code, nor the client secret, at trace
/// level, through a sign-in, a renewal after an expired token and the chat reads in between.
@Suite struct PlatformTokenLoggingTests {
    @Test func tokensAndSecretsAreNeverLogged() async throws {
        let youtube = try await YouTubeTestServer.start()
        await youtube.backend.addVideo("dQw4w9WgXcQ", chatID: "chat-log")
        let capture = LogCapture()
        let configuration = YouTubeChatEndToEndTests.configuration(youtube, signIn: true)
        try await TestServer.withServer(configuration: configuration, logger: capture.logger(level: .trace)) { server in
            let signIn = try #require(server.chat.youtubeSignIn)
            _ = try await signIn.begin()
            await youtube.backend.approveDeviceCode()
            #expect(await signIn.outcome() == .signedIn(account: "Dallas Plays"))
            try await server.chat.youtube.start(.video("dQw4w9WgXcQ"))
            await youtube.backend.waitForPageRequests(1)
            // The token expires: the next page is refused once, renewed, and read.
            let pages = await youtube.backend.requests(to: "/youtube/v3/liveChat/messages").count
            await youtube.backend.expireToken("access-1")
            await youtube.backend.waitForPageRequests(pages + 2)
        }
        let log = capture.text
        #expect(log.contains("dQw4w9WgXcQ"))  // the reading was logged, without secrets
        for secret in ["access-1", "access-2", "refresh-1", YouTubeTestBackend.deviceCode, "client-secret"] { #expect(!log.contains(secret)) }
        await youtube.stop()
    }
}

/// A server reachable beyond this machine without a key says so when it starts.
@Suite struct OpenBindingWarningTests {
    @Test(arguments: [("0.0.0.0", [String](), true), ("127.0.0.1", [], false), ("0.0.0.0", [KeyScopeTests.adminKey], false)])
    func bindingBeyondLoopbackWithoutAKeyWarns(host: String, adminKeys: [String], warns: Bool) async throws {
        let capture = LogCapture()
        var configuration = ChatEndToEndTests.configuration()
        configuration.api.adminKeys = adminKeys
        var open = configuration.httpSettings(port: 0)
        open.host = host
        let settings = open
        _ = try await withSpeechSystem(configuration: configuration, logger: capture.logger(level: .warning), shutdownSignals: []) { system in
            _ = buildApplication(speech: system.speech, settings: settings, logger: capture.logger(level: .warning))  // built, never run
        }
        #expect(capture.text.contains("without an API key") == warns)
    }
}
