import Foundation

/// The signed-in account of one platform: hands out a current access token, renews it before it expires or after
/// the platform rejects it, and keeps the renewed token in the ``CredentialStore``.
public actor OAuthSession {
    /// The application and endpoints.
    public let authorization: DeviceAuthorization
    private let store: any CredentialStore
    private var cached: OAuthToken?
    private var loaded = false
    private var renewal: Task<OAuthToken, any Error>?

    /// A session for `authorization`'s client whose tokens live in `store`.
    public init(authorization: DeviceAuthorization, store: any CredentialStore) {
        self.authorization = authorization
        self.store = store
    }

    /// The platform's name (`twitch`, `youtube`).
    public nonisolated var provider: String { authorization.client.provider }

    /// The stored token, if someone signed in.
    public func token() async throws -> OAuthToken? {
        if !loaded {
            cached = try await store.token(for: provider)
            loaded = true
        }
        return cached
    }

    /// An access token to send now, renewed first when it expires within a minute.
    public func accessToken() async throws -> String {
        guard let token = try await token() else { throw OAuthError.notSignedIn(provider) }
        guard token.expires(within: 60) else { return token.accessToken }
        return try await renew(token).accessToken
    }

    /// The platform refused `accessToken` (401): renews it once, and throws ``OAuthError/signInRequired(_:)`` when
    /// the platform refuses the renewal too.
    public func renewAfterRejection(of accessToken: String) async throws -> String {
        guard let token = try await token() else { throw OAuthError.notSignedIn(provider) }
        // Another caller may have renewed it already.
        guard token.accessToken == accessToken else { return token.accessToken }
        return try await renew(token).accessToken
    }

    /// Stores a token a sign-in produced (with its account name filled in by the caller).
    public func signedIn(_ token: OAuthToken) async throws {
        try await store.save(token, for: provider)
        cached = token
        loaded = true
    }

    /// Forgets the token.
    public func signOut() async throws {
        try await store.deleteToken(for: provider)
        cached = nil
        loaded = true
    }

    /// One renewal at a time: Twitch's public clients get one-use refresh tokens, so a second concurrent renewal
    /// with the same refresh token would be refused and sign the streamer out.
    private func renew(_ token: OAuthToken) async throws -> OAuthToken {
        if let renewal { return try await renewal.value }
        let (authorization, store, provider) = (authorization, store, provider)
        let task = Task {
            let renewed = try await authorization.refresh(token)
            try await store.save(renewed, for: provider)
            return renewed
        }
        renewal = task
        defer { renewal = nil }
        let renewed = try await task.value
        cached = renewed
        return renewed
    }
}
