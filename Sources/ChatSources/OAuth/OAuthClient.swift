public import Foundation

/// One platform's OAuth application and endpoints for the device authorization grant (RFC 8628), which signs a
/// streamer in from a server without a browser: the server shows a code, the streamer enters it on the platform's site.
public struct OAuthClient: Sendable, Equatable {
    /// The name tokens are stored under (`twitch`, `youtube`).
    public var provider: String
    /// Where a device code is requested (Twitch `…/oauth2/device`, Google `…/device/code`).
    public var deviceAuthorizationURL: URL
    /// Where codes and refresh tokens are traded for access tokens.
    public var tokenURL: URL
    /// The streamer's registered application.
    public var clientID: String
    /// Google's "TVs and Limited Input devices" clients have a secret; Twitch's public clients do not.
    public var clientSecret: String?
    /// The scopes asked for.
    public var scopes: [String]
    /// The form field the scopes go in: `scope` (RFC 8628, Google) or `scopes` (Twitch).
    public var scopeField: String
    /// Where a token is revoked at sign-out (Twitch `…/oauth2/revoke`, Google `…/revoke`), if the platform has it.
    public var revocationURL: URL?

    /// Creates a client description.
    public init(
        provider: String,
        deviceAuthorizationURL: URL,
        tokenURL: URL,
        revocationURL: URL? = nil,
        clientID: String,
        clientSecret: String? = nil,
        scopes: [String],
        scopeField: String = "scope"
    ) {
        self.provider = provider
        self.deviceAuthorizationURL = deviceAuthorizationURL
        self.tokenURL = tokenURL
        self.revocationURL = revocationURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.scopeField = scopeField
    }
}

/// What the streamer must do to sign in: open ``verificationURI`` and enter ``userCode`` before ``expiresAt``.
public struct DeviceCodePrompt: Sendable, Equatable {
    /// The short code to enter.
    public let userCode: String
    /// The page to enter it on.
    public let verificationURI: String
    /// When the code stops working.
    public let expiresAt: Date
    /// The code the server polls with (never shown).
    let deviceCode: String
    /// How often the platform allows polling.
    let interval: Duration
}

/// Why signing in or renewing a token failed.
public enum OAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The streamer declined on the platform's page.
    case denied
    /// The code expired before the streamer entered it.
    case expired
    /// The platform no longer accepts the refresh token (revoked, password changed): sign in again.
    case signInRequired(String)
    /// Nobody is signed in for this platform.
    case notSignedIn(String)
    /// The call itself failed (network, an unexpected answer).
    case request(String)

    public var description: String {
        switch self {
        case .denied: "the sign-in was declined"
        case .expired: "the sign-in code expired before it was entered"
        case .signInRequired(let detail): "sign in again: \(detail)"
        case .notSignedIn(let provider): "not signed in to \(provider)"
        case .request(let detail): detail
        }
    }
}
