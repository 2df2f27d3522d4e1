import Foundation

/// One platform's sign-in as the panel and the CLI drive it: start the device flow, wait for the streamer in the
/// background, store the token with the account's name, sign out.
public actor DeviceSignIn {
    /// Where the sign-in stands.
    public enum Status: Sendable, Equatable {
        /// Nobody is signed in.
        case signedOut
        /// Waiting for the streamer to enter the code.
        case pending(DeviceCodePrompt)
        /// Signed in (the account's name when the platform gave it).
        case signedIn(account: String?)
        /// The last attempt failed, and nobody is signed in.
        case failed(String)
    }

    /// The session the token goes to (readers use the same one).
    public let session: OAuthSession
    private let accountName: @Sendable () async throws -> String?
    private var current: Status?
    private var waiting: Task<Void, Never>?
    private var watchers: [CheckedContinuation<Status, Never>] = []

    /// A sign-in for `session`; `accountName` asks the platform, through `session`, whose account it is. Readers
    /// waiting on `session` hear the new sign-in at once.
    public init(session: OAuthSession, accountName: @escaping @Sendable () async throws -> String?) {
        self.session = session
        self.accountName = accountName
    }

    /// Where it stands now.
    public func status() async -> Status {
        if let current { return current }
        let stored = try? await session.token()
        return stored.map { .signedIn(account: $0.account) } ?? .signedOut
    }

    /// Starts the device flow (replacing one already waiting) and waits for the streamer in the background.
    public func begin() async throws(OAuthError) -> DeviceCodePrompt {
        waiting?.cancel()
        waiting = nil
        // Whoever waits on the previous code hears that it will not complete.
        if case .pending = current { finish(.failed("replaced by a new sign-in")) }
        current = nil
        let prompt = try await session.authorization.start()
        current = .pending(prompt)
        waiting = Task { await self.complete(prompt) }
        return prompt
    }

    /// Waits until the pending sign-in ends (at once when none is pending; when cancelled, with where it stands).
    public func outcome() async -> Status {
        guard case .pending = current else { return await status() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { watchers.append($0) }
        } onCancel: {
            Task { await self.releaseWatchers() }
        }
    }

    private func releaseWatchers() {
        let now = current ?? .signedOut
        for watcher in watchers { watcher.resume(returning: now) }
        watchers.removeAll()
    }

    /// Stops waiting and forgets the stored token.
    public func signOut() async throws {
        waiting?.cancel()
        waiting = nil
        try await session.signOut()
        finish(.signedOut)
    }

    private func complete(_ prompt: DeviceCodePrompt) async {
        do {
            var token = try await session.authorization.waitForApproval(of: prompt)
            // Replaced or signed out while the platform answered: that wins.
            guard !Task.isCancelled, current == .pending(prompt) else { return }
            try await session.signedIn(token)
            if let name = try? await accountName(), !Task.isCancelled {
                token.account = name
                try await session.signedIn(token)
            }
            guard current == .pending(prompt) else { return }
            finish(.signedIn(account: token.account))
        } catch is CancellationError {
            return
        } catch {
            guard current == .pending(prompt) else { return }
            finish(.failed(String(describing: error)))
        }
    }

    private func finish(_ status: Status) {
        current = status
        for watcher in watchers { watcher.resume(returning: status) }
        watchers.removeAll()
    }
}
