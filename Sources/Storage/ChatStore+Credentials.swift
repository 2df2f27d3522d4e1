public import Foundation
import GRDB

extension ChatStore {
    /// The secret stored for `provider` (an encoded sign-in), if any.
    public func credential(for provider: String) async throws(StorageError) -> Data? {
        do {
            return try await database.read { db in
                try Data.fetchOne(db, sql: "SELECT secret FROM credential WHERE provider = ?", arguments: [provider])
            }
        } catch {
            throw StorageError("cannot read the \(provider) sign-in", path: path, error)
        }
    }

    /// Stores `secret` for `provider`, replacing the one before.
    public func saveCredential(_ secret: Data, for provider: String) async throws(StorageError) {
        do {
            try await database.write { db in
                try db.execute(
                    sql: "INSERT OR REPLACE INTO credential (provider, secret, updated_at) VALUES (?, ?, ?)",
                    arguments: [provider, secret, Date().timeIntervalSince1970]
                )
            }
        } catch {
            throw StorageError("cannot save the \(provider) sign-in", path: path, error)
        }
    }

    /// Forgets `provider`'s secret.
    public func deleteCredential(for provider: String) async throws(StorageError) {
        do {
            try await database.write { db in try db.execute(sql: "DELETE FROM credential WHERE provider = ?", arguments: [provider]) }
        } catch {
            throw StorageError("cannot delete the \(provider) sign-in", path: path, error)
        }
    }
}
