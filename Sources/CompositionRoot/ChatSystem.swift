public import APIServer
public import ChatSources
public import CoreMetrics
import Foundation
public import Gateway
public import Logging
import ServiceLifecycle
public import Settings
public import Speech
public import Storage

/// Chat to speech: the database, the gateway and the chat sources, built from the configuration before any voice
/// loads (so a bad setting fails at once), then run with the speech service. `serve` and the tests run it next to the
/// HTTP application.
public struct ChatSystem: Sendable {
    /// The pipeline every source feeds and every player follows.
    public let gateway: ChatGateway
    /// Twitch chat (IRC or EventSub); it connects once it has a channel.
    public let twitch: TwitchChat
    /// Signing in to Twitch (`nil` without `[twitch] client_id`).
    public let twitchSignIn: DeviceSignIn?
    /// YouTube live chat; it reads once it has a stream and a key or a signed-in channel.
    public let youtube: YouTubeChatClient
    /// Signing in to YouTube (`nil` without `[youtube] client_id`).
    public let youtubeSignIn: DeviceSignIn?
    /// The database (pending chat, history, settings, the voice library).
    public let store: ChatStore
    let dispatcherSettings: DispatcherSettings
    let historyDays: Int
    let logger: Logger

    /// Speaks the queue through `speech` and runs the chat sources until a graceful shutdown; pending items stay stored.
    public func run(speech: SpeechService) async throws {
        gateway.useVoices(speech.catalog)
        let dispatcher = SpeechDispatcher(gateway: gateway, speech: speech, settings: dispatcherSettings, logger: logger)
        let ended: Result<Void, any Error>
        do {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { try await dispatcher.run() }
                group.addTask { try await twitch.run() }
                group.addTask { try await youtube.run() }
                group.addTask { await pruneHistory() }
            }
            ended = .success(())
        } catch {
            ended = .failure(error)
        }
        // Everything accepted until now is on disk before the program goes on to exit, however the services ended.
        do {
            try await store.flush()
        } catch {
            logger.error("cannot write the last accepted chat to the database", metadata: ["error": "\(error)"])
        }
        try ended.get()
    }

    /// Drops chat history older than `history_days`, at start and then hourly.
    private func pruneHistory() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await store.pruneHistory(olderThan: Date().addingTimeInterval(-Double(historyDays) * 86_400))
                } catch {
                    logger.error("cannot prune chat history", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(3600))
            }
        }
    }
}

/// Why the chat system could not be built; the CLI prints it and exits with status 2.
public struct ChatSystemError: Error, Sendable, CustomStringConvertible {
    /// One line for a person, naming the setting or file.
    public let description: String
}

/// Opens the database, restores pending chat, and builds the gateway and the Twitch and YouTube clients; the gateway counts what
/// it does in `metrics`.
public func buildChatSystem(
    configuration: ServerConfiguration,
    logger: Logger,
    metrics: (any MetricsFactory)? = nil
) throws(ChatSystemError) -> ChatSystem {
    var rules = GatewayRules()
    if let json = configuration.chat.gatewayRules {
        do {
            rules = try rules.merging(json)
        } catch {
            throw ChatSystemError(description: "invalid configuration: gateway.\(error.field): \(error.problem)")
        }
    }
    let twitch = try TwitchIRCConfiguration(configuration.twitch)
    let store: ChatStore
    let gateway: ChatGateway
    do {
        store = try ChatStore(path: configuration.databasePath)
        gateway = try ChatGateway(rules: rules, store: store, logger: logger, metrics: metrics)
    } catch {
        throw ChatSystemError(description: "cannot open the database: \(error)")
    }
    let youtube = try YouTubeChat.make(settings: configuration.youtube, store: store, sink: gateway, logger: logger)
    let twitchChat = try TwitchChatParts.make(settings: configuration.twitch, irc: twitch, store: store, sink: gateway, logger: logger)
    let chat = configuration.chat
    return ChatSystem(
        gateway: gateway,
        twitch: twitchChat.chat,
        twitchSignIn: twitchChat.signIn,
        youtube: youtube.client,
        youtubeSignIn: youtube.signIn,
        store: store,
        dispatcherSettings: DispatcherSettings(
            renderAhead: chat.renderAhead,
            itemTimeout: .seconds(chat.itemTimeoutSeconds),
            maxSpeakingSeconds: Double(chat.maxSpeakingSeconds),
            gap: .milliseconds(chat.gapMilliseconds),
            loudnessTargetDecibels: chat.loudnessTargetDecibels.map { Float($0) }
        ),
        historyDays: chat.historyDays,
        logger: logger
    )
}

extension TwitchIRCConfiguration {
    /// The client's configuration from `[twitch]`; every channel must be a valid Twitch login.
    init(_ settings: TwitchSettings) throws(ChatSystemError) {
        var channels: [TwitchChannel] = []
        for text in settings.channels {
            guard let channel = TwitchChannel(text) else {
                throw ChatSystemError(description: "invalid configuration: twitch.channels: \(text.debugDescription) is not \(TwitchChannel.rule)")
            }
            channels.append(channel)
        }
        self.init(
            host: settings.server.host,
            port: settings.server.port,
            tls: settings.tls,
            tlsCAFile: settings.tlsCAFile,
            login: settings.login,
            oauthToken: settings.oauthToken,
            channels: channels
        )
    }
}

extension ChatSystem {
    /// What the HTTP routes drive.
    public var endpoints: ChatEndpoints {
        var signIns: [String: DeviceSignIn] = [:]
        signIns["twitch"] = twitchSignIn
        signIns["youtube"] = youtubeSignIn
        return ChatEndpoints(gateway: gateway, twitch: twitch, youtube: youtube, signIns: signIns)
    }
}
