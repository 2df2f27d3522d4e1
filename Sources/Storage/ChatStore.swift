public import Foundation
import GRDB

/// One accepted chat item waiting to be spoken, as stored: the gateway owns the payload's meaning.
public struct StoredQueueItem: Sendable, Equatable {
    /// The item's id (unique).
    public var id: String
    /// Queue order across restarts (higher is later).
    public var sequence: Int64
    /// The gateway's encoding of the item.
    public var payload: Data
    /// When it was accepted.
    public var acceptedAt: Date

    /// Creates a stored item.
    public init(id: String, sequence: Int64, payload: Data, acceptedAt: Date) {
        self.id = id
        self.sequence = sequence
        self.payload = payload
        self.acceptedAt = acceptedAt
    }
}

/// One line of chat history: what arrived and what the gateway did with it.
public struct ChatHistoryRecord: Sendable, Equatable {
    public var messageID: String
    public var platform: String
    public var channel: String
    public var userLogin: String
    public var text: String
    /// `queued`, `filtered`, `spoken`, `dropped`…
    public var decision: String
    /// Why, when it was not spoken.
    public var reason: String?
    public var at: Date

    /// Creates a record.
    public init(messageID: String, platform: String, channel: String, userLogin: String, text: String, decision: String, reason: String?, at: Date) {
        self.messageID = messageID
        self.platform = platform
        self.channel = channel
        self.userLogin = userLogin
        self.text = text
        self.decision = decision
        self.reason = reason
        self.at = at
    }
}

/// The server's SQLite database (WAL): the pending speech queue, chat history, saved settings and the voice library
/// (``StoredVoice``, in `ChatStore+Voices.swift`).
///
/// Writes that chat produces at its own pace (an accepted item, a history line) are queued on the database's one
/// writer and return at once, so a chat reader never waits for the disk; writes are applied in the order made, so
/// ``markSpoken(_:)`` (which waits) always sees the item's insert before it.
public final class ChatStore: Sendable {
    let database: DatabasePool
    private let batcher: WriteBatcher
    /// The database file.
    public let path: String

    /// Opens (creating when absent) the database at `path` and brings its schema up to date.
    public init(path: String) throws(StorageError) {
        self.path = path
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            let database = try DatabasePool(path: path, configuration: configuration)
            try ChatStoreSchema.migrator.migrate(database)
            // Sign-in tokens live here (and chat history is nobody else's business): owner only.
            for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            }
            self.database = database
            // Nothing upstream waits for batched writes; a failure (disk full) is printed, and chat goes on.
            batcher = WriteBatcher(database: database) { error in print("ishowtts: database write failed (\(path)): \(error)") }
        } catch {
            throw StorageError("cannot open the database", path: path, error)
        }
    }

    // MARK: Speech queue

    /// Stores an accepted item (batched on the writer; returns at once). `payload` is made on the writer's thread, so
    /// encoding costs the chat reader nothing; an item whose payload is `nil` is not stored.
    public func insertQueued(id: String, sequence: Int64, acceptedAt: Date, payload: @escaping @Sendable () -> Data?) {
        batcher.add { db in
            guard let data = payload() else { return }
            try db.execute(
                sql: "INSERT OR REPLACE INTO queued_item (id, sequence, payload, accepted_at) VALUES (?, ?, ?, ?)",
                arguments: [id, sequence, data, acceptedAt.timeIntervalSince1970]
            )
        }
    }

    /// Forgets items that will not be spoken (removed, cancelled, dropped); queued on the writer.
    public func removeQueued(ids: [String]) {
        guard !ids.isEmpty else { return }
        batcher.add { db in
            for id in ids { try db.execute(sql: "DELETE FROM queued_item WHERE id = ?", arguments: [id]) }
        }
    }

    /// Marks an item spoken (it leaves the pending queue) and returns once that is on disk, so an item announced
    /// after this call is never replayed after a crash.
    public func markSpoken(_ id: String) async throws(StorageError) {
        do {
            try await database.write { db in try db.execute(sql: "DELETE FROM queued_item WHERE id = ?", arguments: [id]) }
        } catch {
            throw StorageError("cannot mark an item spoken", path: path, error)
        }
    }

    /// Every pending item in queue order (what a restart speaks).
    public func queuedItems() throws(StorageError) -> [StoredQueueItem] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: "SELECT id, sequence, payload, accepted_at FROM queued_item ORDER BY sequence").map { row in
                    StoredQueueItem(
                        id: row["id"],
                        sequence: row["sequence"],
                        payload: row["payload"],
                        acceptedAt: Date(timeIntervalSince1970: row["accepted_at"])
                    )
                }
            }
        } catch {
            throw StorageError("cannot read the pending queue", path: path, error)
        }
    }

    /// Waits until every write queued so far is on disk; also when the calling task is cancelled (shutting down is
    /// exactly when this must still happen).
    public func flush() async throws(StorageError) {
        let database = database
        do {
            try await Task { try await database.write { _ in } }.value
        } catch {
            throw StorageError("cannot write", path: path, error)
        }
    }

    // MARK: Chat history

    /// Appends a history line (batched on the writer).
    public func recordHistory(_ record: ChatHistoryRecord) {
        batcher.add { db in
            try db.execute(
                sql: """
                    INSERT INTO chat_history (message_id, platform, channel, user_login, text, decision, reason, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.messageID, record.platform, record.channel, record.userLogin, record.text, record.decision, record.reason,
                    record.at.timeIntervalSince1970,
                ]
            )
        }
    }

    /// The latest history lines, newest first.
    public func history(limit: Int) throws(StorageError) -> [ChatHistoryRecord] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM chat_history ORDER BY row_id DESC LIMIT ?", arguments: [limit]).map { row in
                    ChatHistoryRecord(
                        messageID: row["message_id"],
                        platform: row["platform"],
                        channel: row["channel"],
                        userLogin: row["user_login"],
                        text: row["text"],
                        decision: row["decision"],
                        reason: row["reason"],
                        at: Date(timeIntervalSince1970: row["at"])
                    )
                }
            }
        } catch {
            throw StorageError("cannot read chat history", path: path, error)
        }
    }

    /// Deletes history older than `date`; returns how many lines went.
    @discardableResult
    public func pruneHistory(olderThan date: Date) async throws(StorageError) -> Int {
        do {
            return try await database.write { db in
                try db.execute(sql: "DELETE FROM chat_history WHERE at < ?", arguments: [date.timeIntervalSince1970])
                return db.changesCount
            }
        } catch {
            throw StorageError("cannot prune chat history", path: path, error)
        }
    }

    // MARK: Settings

    /// A saved setting's JSON text, or `nil`.
    public func setting(_ key: String) throws(StorageError) -> String? {
        do {
            return try database.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
        } catch {
            throw StorageError("cannot read setting \(key)", path: path, error)
        }
    }

    /// Saves a setting's JSON text with the next batch of writes (returns at once; order with other writes is kept).
    public func saveSettingSoon(_ key: String, value: String) {
        batcher.add { db in
            try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    /// Saves a setting's JSON text, replacing the old one atomically.
    public func saveSetting(_ key: String, value: String) async throws(StorageError) {
        do {
            try await database.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", arguments: [key, value])
            }
        } catch {
            throw StorageError("cannot save setting \(key)", path: path, error)
        }
    }
}
