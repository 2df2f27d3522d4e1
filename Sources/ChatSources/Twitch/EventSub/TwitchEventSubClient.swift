import Foundation
public import Logging
public import ServiceLifecycle
import Synchronization

/// Reads Twitch chat through EventSub over WebSocket, as the signed-in user, and hands every message and moderation
/// action to a sink.
///
/// Runs as a service. On each welcome it subscribes (through Helix) to the chat events of every channel: messages,
/// deletions, timeouts and bans, clears, notifications (subs, raids, announcements) and, on the streamer's own
/// channel, channel-point redemptions. A silent connection past its keepalive window is replaced; Twitch's
/// `session_reconnect` is followed to the new address, and the old socket is let go only after the new welcome, so
/// nothing is lost; a redelivered notification is dropped by its message id. A refused token, a revoked
/// authorization or a missing sign-in stops it in state `auth_failed` until the sign-in changes (in this process or
/// through the store); a single subscription refused or revoked only loses that subscription.
public actor TwitchEventSubClient: Service {
    /// The subscriptions made per channel; the redemption one only on the signed-in user's own channel.
    public static let chatSubscriptions = [
        "channel.chat.message", "channel.chat.message_delete", "channel.chat.clear_user_messages", "channel.chat.clear",
        "channel.chat.notification",
    ]
    static let redemptionSubscription = "channel.channel_points_custom_reward_redemption.add"

    private let configuration: TwitchEventSubConfiguration
    private let helix: HelixAPI
    private let session: OAuthSession
    private let sink: any ChatEventSink
    private let logger: Logger
    private let seen = SeenMessageIDs()
    private var channels: Set<TwitchChannel>
    private var sessionID: String?
    private var me: HelixAPI.User?
    private var subscriptions: [TwitchChannel: [String]] = [:]
    private var channelsAdded: CheckedContinuation<Void, Never>?
    /// The last state reported, as `GET /api/sources` shows it.
    public private(set) var state: ChatSourceState = .stopped

    /// Creates a reader for the user signed in through `session`; nothing connects until ``run()``.
    public init(
        configuration: TwitchEventSubConfiguration,
        session: OAuthSession,
        http: PlatformHTTPClient = PlatformHTTPClient(),
        sink: any ChatEventSink,
        logger: Logger
    ) {
        self.configuration = configuration
        helix = HelixAPI(baseURL: configuration.helixURL, clientID: configuration.clientID, session: session, http: http)
        self.session = session
        self.sink = sink
        self.logger = logger
        channels = Set(configuration.channels)
    }

    /// The channels read (or to be read once connected), sorted.
    public var joinedChannels: [TwitchChannel] { channels.sorted() }

    /// Reads `channel` from now on.
    public func join(_ channel: TwitchChannel) async {
        guard channels.insert(channel).inserted else { return }
        channelsAdded?.resume()
        channelsAdded = nil
        if let sessionID {
            do {
                try await subscribe([channel], sessionID: sessionID)
            } catch {
                logger.warning("cannot subscribe to a Twitch channel", metadata: ["channel": "\(channel)", "error": "\(error)"])
            }
        }
    }

    /// Stops reading `channel`.
    public func part(_ channel: TwitchChannel) async {
        guard channels.remove(channel) != nil else { return }
        for id in subscriptions.removeValue(forKey: channel) ?? [] {
            do { try await helix.unsubscribe(id: id) } catch {
                logger.warning("cannot delete an EventSub subscription", metadata: ["error": "\(error)"])
            }
        }
    }

    /// The signed-in user's login, for showing who is signed in.
    public func signedInLogin() async throws -> String {
        try await helix.me().login
    }

    /// Connects and reads until cancelled or a graceful shutdown.
    public func run() async throws {
        var backoff = Backoff(initial: configuration.initialBackoff, maximum: configuration.maxBackoff)
        defer { report(.stopped, detail: nil) }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if channels.isEmpty {
                await cancelWhenGracefulShutdown { await self.waitForChannels() }
                continue
            }
            report(.connecting, detail: nil)
            let ending = await cancelWhenGracefulShutdown { await self.runSession() }
            sessionID = nil
            subscriptions.removeAll()
            guard !Task.isCancelled && !Task.isShuttingDownGracefully else { return }
            switch ending {
            case .refused(let reason):
                logger.error("Twitch refused the EventSub reader; waiting for a new sign-in", metadata: ["reason": "\(reason)"])
                report(.authFailed, detail: reason)
                let refused = try? await session.token()?.accessToken
                let session = session
                await cancelWhenGracefulShutdown { await session.waitForChange(from: refused) }
                me = nil
            case .lost(let reason, let welcomed):
                if welcomed { backoff.reset() }
                let wait = backoff.next()
                logger.warning("Twitch EventSub connection lost; reconnecting", metadata: ["reason": "\(reason)", "wait": "\(wait)"])
                report(.reconnecting, detail: reason)
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
            }
        }
    }

    // MARK: One session (one or, while moving, two connections)

    private enum SessionEnding {
        case refused(String)
        case lost(String, welcomed: Bool)
    }

    private func runSession() async -> SessionEnding {
        let (signals, continuation) = AsyncStream.makeStream(of: EventSubSignal.self)
        var connections: [Int: Task<Void, Never>] = [:]
        defer { for task in connections.values { task.cancel() } }
        let open = { (number: Int, url: String) in
            connections[number] = Task { await self.connect(url: url, number: number, signals: continuation) }
        }
        var current = 1
        var moving: Int?
        var welcomed = false
        var currentEnded = false
        open(current, configuration.webSocketURL)
        if let url = configuration.validateURL {
            connections[0] = Task { await self.validateToken(at: url, signals: continuation) }
        }
        for await signal in signals {
            switch signal {
            case .welcome(let number, let session) where number == current && moving == nil:
                sessionID = session
                do {
                    try await subscribe(channels.sorted(), sessionID: session)
                } catch .refused(let reason) {
                    return .refused(reason)
                } catch {
                    return .lost(error.description, welcomed: welcomed)
                }
                welcomed = true
                report(.connected, detail: nil)
            case .welcome(let number, let session) where number == moving:
                // The subscriptions moved with the session; now the old socket may go.
                connections.removeValue(forKey: current)?.cancel()
                (current, moving, currentEnded) = (number, nil, false)
                sessionID = session
                logger.info("moved to Twitch's new EventSub connection")
            case .reconnect(let number, let url) where number == current && moving == nil:
                moving = current + 1
                open(current + 1, url)
            case .tokenInvalid(let reason):
                return .refused(reason)
            case .revoked(_, let reason) where reason.hasSuffix("authorization_revoked"):
                // The streamer took the app's access away: nothing works until a new sign-in.
                return .refused(reason)
            case .revoked(_, let reason):
                // One subscription is gone (a channel that banned the reader, a retired version): the rest goes on.
                logger.warning("Twitch revoked an EventSub subscription", metadata: ["reason": "\(reason)"])
            case .ended(let number, let reason) where number == current:
                // While moving, the old socket may close first; the new one's welcome decides.
                guard moving == nil else {
                    currentEnded = true
                    continue
                }
                return .lost(reason, welcomed: welcomed)
            case .ended(let number, let reason) where number == moving:
                if currentEnded { return .lost(reason, welcomed: welcomed) }
                moving = nil
            default:
                continue
            }
        }
        return .lost("cancelled", welcomed: welcomed)
    }

    private nonisolated func connect(url: String, number: Int, signals: AsyncStream<EventSubSignal>.Continuation) async {
        await EventSubConnection.run(
            url: url,
            number: number,
            keepaliveGrace: configuration.keepaliveGrace,
            signals: signals,
            deliver: { [seen, sink, logger] type, json, messageID in
                // Delivery is at least once: a notification seen before is dropped by its message id.
                guard seen.firstTime(messageID) else { return }
                do {
                    if let event = try EventSubMapping.event(type: type, json: json) { sink.receive(event) }
                } catch {
                    logger.warning("unreadable EventSub notification", metadata: ["type": "\(type)", "error": "\(error)"])
                }
            },
            logger: logger
        )
    }

    /// Twitch asks apps to check their token at start and hourly: one Twitch no longer accepts (and that cannot be
    /// renewed) ends the session as refused.
    private nonisolated func validateToken(at url: URL, signals: AsyncStream<EventSubSignal>.Continuation) async {
        while !Task.isCancelled {
            do {
                try await helix.validate(at: url)
            } catch .refused(let reason) {
                signals.yield(.tokenInvalid(reason: reason))
                return
            } catch {
                logger.warning("cannot check the Twitch token; trying again later", metadata: ["error": "\(error)"])
            }
            await sleepPatiently(for: configuration.validationInterval)
        }
    }

    // MARK: Subscriptions

    private func subscribe(_ targets: [TwitchChannel], sessionID: String) async throws(TwitchAPIError) {
        guard !targets.isEmpty else { return }
        let user: HelixAPI.User
        if let me {
            user = me
        } else {
            user = try await helix.me()
            me = user
        }
        let broadcasters = try await helix.users(logins: targets.map(\.name))
        for channel in targets {
            guard let broadcaster = broadcasters.first(where: { $0.login == channel.name }) else {
                logger.warning("Twitch has no such channel; not reading it", metadata: ["channel": "\(channel)"])
                continue
            }
            var types = Self.chatSubscriptions.map { ($0, ["broadcaster_user_id": broadcaster.id, "user_id": user.id]) }
            if broadcaster.id == user.id { types.append((Self.redemptionSubscription, ["broadcaster_user_id": broadcaster.id])) }
            var ids: [String] = []
            for (type, condition) in types {
                do {
                    if let id = try await helix.subscribe(type: type, condition: condition, sessionID: sessionID) { ids.append(id) }
                } catch .rejected(let reason) {
                    logger.warning("Twitch rejected a subscription", metadata: ["channel": "\(channel)", "type": "\(type)", "reason": "\(reason)"])
                } catch .refused(let reason) where type != "channel.chat.message" {
                    // A scope this token lacks (redemptions, on an older sign-in): chat itself still works.
                    logger.warning("Twitch refused a subscription", metadata: ["channel": "\(channel)", "type": "\(type)", "reason": "\(reason)"])
                }
            }
            // Parted while subscribing: what was just made for it goes again.
            guard channels.contains(channel) else {
                for id in ids { try? await helix.unsubscribe(id: id) }
                continue
            }
            subscriptions[channel, default: []] += ids
        }
    }

    // MARK: State

    /// Waits for a first channel; a join that came meanwhile ends the wait at once.
    private func waitForChannels() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if !channels.isEmpty || Task.isCancelled { continuation.resume() } else { channelsAdded = continuation }
            }
        } onCancel: {
            Task { await self.stopWaitingForChannels() }
        }
    }

    private func stopWaitingForChannels() {
        channelsAdded?.resume()
        channelsAdded = nil
    }

    private func report(_ newState: ChatSourceState, detail: String?) {
        guard newState != state || newState == .reconnecting else { return }
        state = newState
        sink.sourceStateChanged(platform: .twitch, channel: nil, state: newState, detail: detail)
    }
}

/// EventSub message ids already delivered, shared by the connections of a reader (a redelivery may come on either).
final class SeenMessageIDs: Sendable {
    private let ids = Mutex(RecentIDs(limit: 10_000))

    /// Records `id`; false when it was seen before.
    func firstTime(_ id: String) -> Bool { ids.withLock { $0.insert(id) } }
}
