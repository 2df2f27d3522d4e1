import Foundation

/// The signed-in account of one platform: hands out a current access token, renews it before it expires or after
/// the platform rejects it, keeps it in the ``CredentialStore``, and tells readers when the sign-in changes (here,
/// or through another process such as `ishowtts twitch login` writing the same store).
public actor OAuthSession {
    /// The application and endpoints.
    public let authorization: DeviceAuthorization
    private let store: any CredentialStore
    private var cached: OAuthToken?
    private var loaded = false
    /// Counts sign-ins, sign-outs and dropped tokens: a renewal that started before one of them must not undo it.
    private var generation = 0
    private var renewal: (generation: Int, task: Task<OAuthToken, any Error>)?
    private var changeWaiters: [CheckedContinuation<Void, Never>] = []

    private let storeCheckInterval: Duration

    /// A session for `authorization`'s client whose tokens live in `store`; while waiting for a sign-in it looks at
    /// the store every `storeCheckInterval` for one made by another process.
    public init(authorization: DeviceAuthorization, store: any CredentialStore, storeCheckInterval: Duration = .seconds(30)) {
        self.authorization = authorization
        self.store = store
        self.storeCheckInterval = storeCheckInterval
    }

    /// The platform's name (`twitch`, `youtube`).
    public nonisolated var provider: String { authorization.client.provider }

    /// The stored token, if someone signed in. Without one in memory the store is asked again, so a sign-in made by
    /// another process is found.
    public func token() async throws -> OAuthToken? {
        if loaded, cached != nil { return cached }
        let started = generation
        let stored = try await store.token(for: provider)
        // A sign-in or sign-out while the store was read wins over what was read.
        if generation == started {
            cached = stored
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
    /// the platform refuses the renewal too (the stored sign-in is then dropped: it can never work again).
    public func renewAfterRejection(of accessToken: String) async throws -> String {
        guard let token = try await token() else { throw OAuthError.notSignedIn(provider) }
        // Another caller may have renewed it already.
        guard token.accessToken == accessToken else { return token.accessToken }
        return try await renew(token).accessToken
    }

    /// Stores a token a sign-in produced.
    public func signedIn(_ token: OAuthToken) async throws {
        try await store.save(token, for: provider)
        changed(to: token)
    }

    /// Forgets the token here and, best effort, at the platform.
    public func signOut() async throws {
        let previous = cached
        try await store.deleteToken(for: provider)
        changed(to: nil)
        if let previous { await authorization.revoke(previous) }
    }

    /// Waits until the sign-in differs from `accessToken` (`nil`: nobody signed in): at once when it changes in this
    /// process, else noticed in the store within the store check interval.
    public func waitForChange(from accessToken: String?) async {
        let checkEvery = storeCheckInterval
        while !Task.isCancelled {
            // Read before awaiting the token: a change while `token()` is suspended then ends the wait below at once
            // instead of being missed until the next store check.
            let seen = generation
            if (try? await token())?.accessToken != accessToken { return }
            let waited = await withTaskGroup(of: Bool.self) { group in
                group.addTask { await self.waitForChangeHere(since: seen) }
                group.addTask {
                    try? await Task.sleep(for: checkEvery)
                    return false
                }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            if !waited { loaded = false }  // look at the store again: another process may have signed in
        }
    }

    // MARK: Private

    private func changed(to token: OAuthToken?) {
        generation += 1
        renewal = nil
        cached = token
        loaded = true
        for waiter in changeWaiters { waiter.resume() }
        changeWaiters.removeAll()
    }

    /// `true` when a change here ended the wait (also one since `generation`, which no waiter would hear),
    /// `false` when cancelled.
    private func waitForChangeHere(since generation: Int) async -> Bool {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if self.generation != generation { continuation.resume() } else { changeWaiters.append(continuation) }
            }
            return !Task.isCancelled
        } onCancel: {
            Task { await self.releaseWaiters() }
        }
    }

    private func releaseWaiters() {
        for waiter in changeWaiters { waiter.resume() }
        changeWaiters.removeAll()
    }

    /// One renewal at a time: Twitch's public clients get one-use refresh tokens, so a second concurrent renewal
    /// with the same refresh token would be refused and sign the streamer out.
    private func renew(_ token: OAuthToken) async throws -> OAuthToken {
        if let renewal, renewal.generation == generation { return try await renewal.task.value }
        let started = generation
        let authorization = authorization
        let task = Task { try await authorization.refresh(token) }
        renewal = (started, task)
        let renewed: OAuthToken
        do {
            renewed = try await task.value
        } catch let error as OAuthError {
            if case .signInRequired = error, generation == started {
                // The refresh token is dead: keep no sign-in that can never work (auto transports fall back).
                try? await store.deleteToken(for: provider)
                changed(to: nil)
            }
            throw error
        }
        guard generation == started else {
            // Signed out or in again meanwhile: that wins.
            guard let current = cached else { throw OAuthError.notSignedIn(provider) }
            return current
        }
        renewal = nil
        try await store.save(renewed, for: provider)
        cached = renewed
        return renewed
    }
}
