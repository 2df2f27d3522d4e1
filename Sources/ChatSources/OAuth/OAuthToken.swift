public import Foundation

/// An OAuth access token and what renews it, as a platform issued it. Its description never shows either token.
public struct OAuthToken: Sendable, Codable, Equatable, CustomStringConvertible {
    /// Sent as `Authorization: Bearer …`.
    public var accessToken: String
    /// Trades for a new access token when this one expires.
    public var refreshToken: String?
    /// When the access token stops working, if the platform said.
    public var expiresAt: Date?
    /// The scopes granted.
    public var scopes: [String]
    /// Whose account it is (Twitch login, YouTube channel title), once known.
    public var account: String?

    /// Creates a token.
    public init(accessToken: String, refreshToken: String?, expiresAt: Date?, scopes: [String], account: String? = nil) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.scopes = scopes
        self.account = account
    }

    /// Whether it expires within `margin` of `now` (a token about to expire is renewed before it is sent).
    public func expires(within margin: TimeInterval, of now: Date = Date()) -> Bool {
        guard let expiresAt else { return false }
        return expiresAt.timeIntervalSince(now) < margin
    }

    public var description: String {
        "OAuthToken(account: \(account ?? "unknown"), scopes: \(scopes), expires: \(expiresAt.map { "\($0)" } ?? "unknown"), refreshable: \(refreshToken != nil))"
    }
}

/// Where OAuth tokens are kept between runs (the server's database). Implementations keep them out of logs.
public protocol CredentialStore: Sendable {
    /// The token saved for `provider` (`twitch`, `youtube`), if any.
    func token(for provider: String) async throws -> OAuthToken?
    /// Saves `token` for `provider`, replacing the one before.
    func save(_ token: OAuthToken, for provider: String) async throws
    /// Forgets `provider`'s token.
    func deleteToken(for provider: String) async throws
}
