import Foundation

/// The local Twitch server's state: users, the tokens it accepts, device-flow approval, and the EventSub
/// subscriptions made, with every Helix request seen.
public actor TwitchTestBackend {
    /// A subscription created through Helix.
    public struct Subscription: Sendable, Equatable {
        public let id: String
        public let type: String
        public let condition: [String: String]
        public let sessionID: String
    }

    /// The app's client id Helix expects in `Client-Id`.
    public static let clientID = "test-client-id"
    /// Users by login.
    public private(set) var users: [String: (id: String, name: String)] = ["dallas": ("1001", "Dallas"), "readerbot": ("2002", "ReaderBot")]
    /// The signed-in user (whose tokens are issued).
    public var signedInLogin = "readerbot"
    /// Subscriptions made, oldest first (deleted ones removed).
    public private(set) var subscriptions: [Subscription] = []
    /// Helix and OAuth requests as `METHOD path`.
    public private(set) var requests: [String] = []
    private var accessTokens: Set<String> = []
    private var refreshTokens: Set<String> = []
    private var approved = false
    private var codeUsed = false
    private var issued = 0
    private var subscriptionWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    public init() {}

    /// Accepts `token` as a bearer token.
    public func acceptToken(_ token: String) { accessTokens.insert(token) }

    /// Stops accepting `token` (it "expired").
    public func expireToken(_ token: String) { accessTokens.remove(token) }

    /// The streamer entered the device code (a new one for each sign-in).
    public func approveDeviceCode() {
        approved = true
        codeUsed = false
    }

    /// Makes `login` the signed-in user's own channel too (for the redemption subscription).
    public func signIn(as login: String) { signedInLogin = login }

    /// Waits until `count` subscriptions exist (or the waiting task is cancelled).
    public func waitForSubscriptions(_ count: Int) async {
        guard subscriptions.count < count else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { subscriptionWaiters.append((count, $0)) }
        } onCancel: {
            Task { await self.releaseWaiters() }
        }
    }

    private func releaseWaiters() {
        for waiter in subscriptionWaiters { waiter.continuation.resume() }
        subscriptionWaiters.removeAll()
    }

    // MARK: Answers (the routes call these)

    func record(_ request: String) { requests.append(request) }

    func isValid(_ token: String) -> Bool { accessTokens.contains(token) }

    func isAuthorized(_ authorization: String?, clientID: String?) -> Bool {
        guard clientID == Self.clientID, let authorization, authorization.hasPrefix("Bearer ") else { return false }
        return accessTokens.contains(String(authorization.dropFirst(7)))
    }

    func usersAnswer(logins: [String]) -> [String: any Sendable] {
        let wanted = logins.isEmpty ? [signedInLogin] : logins
        let found: [[String: any Sendable]] = wanted.compactMap { login in
            users[login].map { ["id": $0.id, "login": login, "display_name": $0.name, "type": "", "broadcaster_type": ""] }
        }
        return ["data": found]
    }

    func subscribe(type: String, condition: [String: String], sessionID: String) -> [String: any Sendable]? {
        guard !subscriptions.contains(where: { $0.type == type && $0.condition == condition && $0.sessionID == sessionID }) else { return nil }
        let subscription = Subscription(id: "sub-\(subscriptions.count + 1)-\(type)", type: type, condition: condition, sessionID: sessionID)
        subscriptions.append(subscription)
        let ready = subscriptionWaiters.filter { $0.count <= subscriptions.count }
        subscriptionWaiters.removeAll { $0.count <= subscriptions.count }
        for waiter in ready { waiter.continuation.resume() }
        let created: [String: any Sendable] = [
            "id": subscription.id, "status": "enabled", "type": type, "version": "1", "condition": condition,
            "created_at": "2026-11-30T12:00:00Z", "transport": ["method": "websocket", "session_id": sessionID], "cost": 0,
        ]
        return ["data": [created], "total": subscriptions.count, "total_cost": 0, "max_total_cost": 10]
    }

    func unsubscribe(id: String) -> Bool {
        guard let index = subscriptions.firstIndex(where: { $0.id == id }) else { return false }
        subscriptions.remove(at: index)
        return true
    }

    // MARK: Device flow (Twitch's dialect: errors in `message`, scopes as a list, one-use refresh tokens)

    public static let userCode = "ABCDEFGH"

    func tokenAnswer(form: [String: String]) -> (status: Int, body: [String: any Sendable]) {
        switch form["grant_type"] {
        case "urn:ietf:params:oauth:grant-type:device_code":
            // A code works once: polling again after it was traded is refused, as Twitch does.
            guard !codeUsed else { return (400, ["status": 400, "message": "invalid device code"]) }
            guard approved else { return (400, ["status": 400, "message": "authorization_pending"]) }
            codeUsed = true
            return (200, issueToken())
        case "refresh_token":
            guard let refresh = form["refresh_token"], refreshTokens.remove(refresh) != nil else {
                return (400, ["status": 400, "message": "Invalid refresh token"])
            }
            return (200, issueToken())
        default:
            return (400, ["status": 400, "message": "Invalid grant type"])
        }
    }

    private func issueToken() -> [String: any Sendable] {
        issued += 1
        let access = "twitch-access-\(issued)"
        let refresh = "twitch-refresh-\(issued)"
        accessTokens.insert(access)
        refreshTokens.insert(refresh)
        return ["access_token": access, "refresh_token": refresh, "expires_in": 14_400, "scope": ["user:read:chat"], "token_type": "bearer"]
    }
}
