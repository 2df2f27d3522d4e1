import HTTPTypes

/// Which scope each route needs when keys are configured: the one table of it, read by ``AuthMiddleware`` and by
/// the key-scope test that walks every route of the router.
enum RouteAccess: Sendable, Equatable {
    /// No key needed (health checks, CORS preflights).
    case open
    /// A player or an admin key.
    case player
    /// An admin key.
    case admin

    /// What `method` on `path` needs.
    static func required(method: HTTPRequest.Method, path: String) -> RouteAccess {
        if method == .options { return .open }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard method == .get || method == .head else { return .admin }
        // The panel's and the overlay's pages and scripts hold no secret: they ask for a key before calling the API.
        if parts.isEmpty || parts == ["overlay"] || parts.first == "ui" { return .open }
        switch parts.count {
        case 1 where parts == ["openapi.json"]: return .open
        case 2 where parts == ["api", "health"]: return .open
        case 2 where parts == ["api", "events"]: return .player
        case 3 where parts == ["api", "danmaku", "stream"]: return .player
        case 4 where parts[0] == "api" && parts[1] == "queue" && parts[3] == "audio": return .player
        default: return .admin
        }
    }

    /// Whether `scope` satisfies this requirement.
    func isSatisfied(by scope: AccessScope) -> Bool {
        switch self {
        case .open: true
        case .player: scope >= .player
        case .admin: scope == .admin
        }
    }
}
