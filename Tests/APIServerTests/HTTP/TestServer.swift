import CompositionRoot
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Models
import Settings
import Speech
import TestSupport

@testable import APIServer

/// Runs the real application as `ishowtts serve` does: the composition root loads and runs the real engines, the
/// application is built around their speech service, and everything shuts down when the test is done.
enum TestServer {
    static func withClient<Value: Sendable>(
        _ mode: TestingSetup = .router,
        configuration: ServerConfiguration = .piperOnlyForTests(),
        hooks: SpeechSystemHooks = SpeechSystemHooks(),
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let settings = configuration.httpSettings(port: 0)
        let result = try await withSpeechSystem(configuration: configuration, logger: logger, hooks: hooks, shutdownSignals: []) { system in
            try await buildApplication(speech: system.speech, settings: settings, logger: logger).test(mode) {
                try await test(RecordingTestClient(client: $0))
            }
        }
        guard let result else { throw CancellationError() }
        return result
    }

    /// Runs the real application with the chat system (gateway, dispatcher, Twitch client) as `ishowtts serve` does.
    static func withChat<Value: Sendable>(
        configuration: ServerConfiguration,
        hooks: SpeechSystemHooks = SpeechSystemHooks(),
        _ test: @escaping @Sendable (any TestClientProtocol, ChatSystem) async throws -> Value
    ) async throws -> Value {
        try await withServer(configuration: configuration, hooks: hooks) { try await test($0.client, $0.chat) }
    }

    /// The running server of ``withServer(configuration:hooks:logger:_:)``: a live client, the chat system, and every
    /// route the server has.
    struct Running: Sendable {
        let client: any TestClientProtocol
        let chat: ChatSystem
        /// Installing models by name.
        let models: ModelService
        /// Every (method, path) of the HTTP router; captures written `{name}`.
        let routes: [(method: HTTPRequest.Method, path: String)]
        /// The paths of the WebSocket router (all `GET` upgrades).
        let webSocketPaths: [String]
        /// The port on 127.0.0.1.
        var port: Int { client.port ?? 0 }
    }

    /// Runs the real application with the chat system, as `ishowtts serve` does, logging to `logger`.
    static func withServer<Value: Sendable>(
        configuration: ServerConfiguration,
        hooks: SpeechSystemHooks = SpeechSystemHooks(),
        logger: Logger = TestServer.logger,
        _ test: @escaping @Sendable (Running) async throws -> Value
    ) async throws -> Value {
        let settings = configuration.httpSettings(port: 0)
        let metrics = ServerMetrics()
        var hooks = hooks
        hooks.metrics = metrics.factory
        let chat = try buildChatSystem(configuration: configuration, logger: logger, metrics: metrics.factory)
        let result = try await withSpeechSystem(configuration: configuration, logger: logger, hooks: hooks, shutdownSignals: []) { system in
            try await withThrowingTaskGroup(of: Value?.self) { group in
                group.addTask {
                    try await chat.run(speech: system.speech)
                    return nil
                }
                group.addTask {
                    let endpoints = chat.endpoints
                    let voices = await VoiceLibrary.open(configuration: configuration, speech: system.speech, store: chat.store, logger: logger)
                    let routes = buildRouter(
                        speech: system.speech,
                        voices: voices,
                        chat: endpoints,
                        models: system.models,
                        settings: settings,
                        metrics: metrics
                    ).routes.map {
                        (method: $0.method, path: $0.path.description)
                    }
                    let webSocketPaths = buildWebSocketRouter(chat: endpoints, settings: settings).routes.map { $0.path.description }
                    let app = buildApplication(
                        speech: system.speech,
                        voices: voices,
                        chat: endpoints,
                        models: system.models,
                        settings: settings,
                        metrics: metrics,
                        logger: logger
                    )
                    return try await app.test(.live) {
                        try await test(
                            Running(
                                client: RecordingTestClient(client: $0),
                                chat: chat,
                                models: system.models,
                                routes: routes,
                                webSocketPaths: webSocketPaths
                            )
                        )
                    }
                }
                defer { group.cancelAll() }
                while let value = try await group.next() {
                    if let value { return value }
                }
                throw CancellationError()
            }
        }
        guard let result else { throw CancellationError() }
        return result
    }

    /// Warnings and worse, to help when a test fails.
    static let logger: Logger = {
        var logger = Logger(label: "APIServerTests")
        logger.logLevel = .warning
        return logger
    }()

    /// A JSON POST body.
    static func json(_ object: [String: any Sendable]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]
}

/// The `{"error": {...}}` body every failure has.
struct ErrorBody: Decodable {
    struct Detail: Decodable {
        let code: String
        let message: String
    }
    let error: Detail
}
