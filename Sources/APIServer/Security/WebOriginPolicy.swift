import Foundation

/// Which web pages may reach the server from a browser, so a page the streamer happens to open cannot steer it even
/// when no API key is set.
///
/// - Host: loopback names, IP addresses and `allowed_hosts` only (a DNS-rebinding page arrives under its own name).
/// - Origin: a cross-origin page may not change state or open a WebSocket unless its origin is in `cors_origins`;
///   those origins also get CORS headers, so their pages can read the answers.
public struct WebOriginPolicy: Sendable, Equatable {
    /// Origins (`scheme://host[:port]`, lowercased) whose pages may call the API.
    public var corsOrigins: [String]
    /// Extra host names answered (lowercased); `*` answers any.
    public var allowedHosts: [String]

    /// Creates the policy.
    public init(corsOrigins: [String] = [], allowedHosts: [String] = []) {
        self.corsOrigins = corsOrigins.map { $0.lowercased() }
        self.allowedHosts = allowedHosts.map { $0.lowercased() }
    }

    /// Whether a request addressed to `authority` (the `Host` header: `name[:port]`) is answered.
    func allowsHost(_ authority: String?) -> Bool {
        guard let authority, !authority.isEmpty else { return true }  // not a browser: browsers always send Host
        if allowedHosts.contains("*") { return true }
        let host = Self.hostName(of: authority)
        if host == "localhost" || host.hasSuffix(".localhost") || Self.isIPAddress(host) { return true }
        return allowedHosts.contains(host)
    }

    /// Whether a page from `origin` may call the API (its origin is listed).
    func allowsCrossOrigin(_ origin: String) -> Bool {
        corsOrigins.contains(origin.lowercased())
    }

    /// Whether `origin` can be a web page's: browsers send `http(s)://…`, or `null` for opaque origins. Other clients
    /// write what they like (a WebSocket library may send `ws://host`), and no page can make a browser send that.
    static func isWebPageOrigin(_ origin: String) -> Bool {
        let lowered = origin.lowercased()
        return lowered == "null" || lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }

    /// Whether `origin` is this server itself, as reached at `authority`.
    static func isSameOrigin(_ origin: String, authority: String?) -> Bool {
        guard let authority, let separator = origin.range(of: "://") else { return false }
        let originAuthority = origin[separator.upperBound...].lowercased()
        let scheme = origin[..<separator.lowerBound].lowercased()
        let requested = authority.lowercased()
        if originAuthority == requested { return true }
        // A default port may be written on one side only.
        let defaultPort = scheme == "https" ? ":443" : ":80"
        return originAuthority + defaultPort == requested || originAuthority == requested + defaultPort
    }

    /// `name[:port]` or `[v6]:port` → the name or address without port and brackets, lowercased.
    static func hostName(of authority: String) -> String {
        let lowered = authority.lowercased()
        if lowered.hasPrefix("["), let end = lowered.firstIndex(of: "]") {
            return String(lowered[lowered.index(after: lowered.startIndex)..<end])
        }
        if let colon = lowered.lastIndex(of: ":") { return String(lowered[..<colon]) }
        return lowered
    }

    /// Whether `host` is an IPv4 or IPv6 address (which a rebinding page cannot put in `Host`: its own name is there).
    static func isIPAddress(_ host: String) -> Bool {
        if host.contains(":") { return host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in part.count <= 3 && UInt8(part) != nil }
    }
}
