public import Logging
public import ServiceLifecycle

/// How Twitch chat is read (`[twitch] transport`).
public enum TwitchTransport: String, Sendable, CaseIterable {
    /// EventSub when someone signed in (`ishowtts twitch login`), anonymous IRC otherwise.
    case auto
    /// EventSub only (waits in `auth_failed` until someone signs in).
    case eventsub
    /// IRC only (anonymous, or with `login` and `oauth_token`).
    case irc
}

/// Twitch chat over the transport `[twitch] transport` picks: the one place that knows whether IRC or EventSub
/// reads the channels. Both get every join and part, so a switch (with `auto`, when someone signs in or out) carries
/// them over.
public actor TwitchChat: Service {
    private let transport: TwitchTransport
    private let irc: TwitchIRCClient
    private let eventSub: TwitchEventSubClient?
    private let session: OAuthSession?
    private let logger: Logger
    private var usingEventSub = false

    /// Twitch chat over `transport`; `eventSub` and `session` exist when a `client_id` is configured.
    public init(transport: TwitchTransport, irc: TwitchIRCClient, eventSub: TwitchEventSubClient?, session: OAuthSession?, logger: Logger) {
        self.transport = transport
        self.irc = irc
        self.eventSub = eventSub
        self.session = session
        self.logger = logger
    }

    /// The transport reading now: `eventsub` or `irc`.
    public var activeTransport: TwitchTransport { usingEventSub ? .eventsub : .irc }

    /// The channels read, sorted.
    public var joinedChannels: [TwitchChannel] {
        get async { await irc.joinedChannels }
    }

    /// Reads `channel` from now on.
    public func join(_ channel: TwitchChannel) async {
        await irc.join(channel)
        await eventSub?.join(channel)
    }

    /// Stops reading `channel`.
    public func part(_ channel: TwitchChannel) async {
        await irc.part(channel)
        await eventSub?.part(channel)
    }

    /// Runs the chosen transport until cancelled or a graceful shutdown; with `auto`, switches after a sign-in or
    /// sign-out.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            usingEventSub = await choosesEventSub()
            logger.info("reading Twitch chat", metadata: ["transport": "\(activeTransport.rawValue)"])
            let (irc, eventSub, usingEventSub) = (irc, eventSub, usingEventSub)
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    if usingEventSub, let eventSub { try? await eventSub.run() } else { try? await irc.run() }
                }
                if transport == .auto, session != nil { group.addTask { await self.waitForSwitch() } }
                // Whichever ends first (the reader at shutdown, or a switch) ends this round.
                await group.next()
                group.cancelAll()
            }
        }
    }

    private func choosesEventSub() async -> Bool {
        switch transport {
        case .irc: return false
        case .eventsub: return eventSub != nil
        case .auto:
            guard eventSub != nil, let session else { return false }
            return (try? await session.token()) != nil
        }
    }

    /// Returns once the sign-in changed so that `auto` would choose the other transport (a sign-in here or through
    /// `ishowtts twitch login`, a sign-out, a sign-in that can no longer be renewed).
    private func waitForSwitch() async {
        guard let session else { return }
        while !Task.isCancelled {
            await session.waitForChange(from: try? await session.token()?.accessToken)
            if await choosesEventSub() != usingEventSub { return }
        }
    }

}
