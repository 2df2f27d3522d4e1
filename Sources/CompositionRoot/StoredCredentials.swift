import ChatSources
import Foundation
import Storage

/// Platform sign-ins kept in the server's database (a file only its owner may read).
struct StoredCredentials: CredentialStore {
    let store: ChatStore

    func token(for provider: String) async throws -> OAuthToken? {
        guard let data = try await store.credential(for: provider) else { return nil }
        return try JSONDecoder().decode(OAuthToken.self, from: data)
    }

    func save(_ token: OAuthToken, for provider: String) async throws {
        try await store.saveCredential(try JSONEncoder().encode(token), for: provider)
    }

    func deleteToken(for provider: String) async throws {
        try await store.deleteCredential(for: provider)
    }
}
