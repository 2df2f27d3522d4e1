public import Foundation
import GRDB

/// A voice of the library, as stored: its files live in the voice directory, named here.
public struct StoredVoice: Sendable, Equatable {
    public var id: String
    /// A name for people.
    public var name: String
    /// The engine that speaks it (`f5`).
    public var engine: String
    /// BCP 47 language tag.
    public var language: String
    /// What is said in the clip.
    public var referenceText: String
    /// The upload as it came, relative to the voice directory.
    public var originalFile: String
    /// The clip the engine conditions on, relative to the voice directory.
    public var preparedFile: String
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a record.
    public init(
        id: String,
        name: String,
        engine: String,
        language: String,
        referenceText: String,
        originalFile: String,
        preparedFile: String,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.engine = engine
        self.language = language
        self.referenceText = referenceText
        self.originalFile = originalFile
        self.preparedFile = preparedFile
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A voice's reference replaced at run time (the original iShowTTS's override): a new clip, a new transcript, or both.
public struct StoredOverride: Sendable, Equatable {
    public var voiceID: String
    /// The transcript that replaces the baseline's, if any.
    public var referenceText: String?
    /// The clip that replaces the baseline's, relative to the voice directory, if any.
    public var audioFile: String?
    public var updatedAt: Date

    /// Creates a record.
    public init(voiceID: String, referenceText: String?, audioFile: String?, updatedAt: Date) {
        self.voiceID = voiceID
        self.referenceText = referenceText
        self.audioFile = audioFile
        self.updatedAt = updatedAt
    }
}

extension ChatStore {
    /// Every reference override.
    public func voiceOverrides() async throws(StorageError) -> [StoredOverride] {
        do {
            return try await database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM voice_override ORDER BY voice_id").map { row in
                    StoredOverride(
                        voiceID: row["voice_id"],
                        referenceText: row["reference_text"],
                        audioFile: row["audio_file"],
                        updatedAt: Date(timeIntervalSince1970: row["updated_at"])
                    )
                }
            }
        } catch {
            throw StorageError("cannot read the voice overrides", path: path, error)
        }
    }

    /// Inserts or replaces `override`.
    public func saveVoiceOverride(_ override: StoredOverride) async throws(StorageError) {
        do {
            try await database.write { db in
                try db.execute(
                    sql: "INSERT OR REPLACE INTO voice_override (voice_id, reference_text, audio_file, updated_at) VALUES (?, ?, ?, ?)",
                    arguments: [override.voiceID, override.referenceText, override.audioFile, override.updatedAt.timeIntervalSince1970]
                )
            }
        } catch {
            throw StorageError("cannot save the override of voice \(override.voiceID)", path: path, error)
        }
    }

    /// Deletes voice `id`'s override, if any.
    public func deleteVoiceOverride(_ id: String) async throws(StorageError) {
        do {
            try await database.write { db in try db.execute(sql: "DELETE FROM voice_override WHERE voice_id = ?", arguments: [id]) }
        } catch {
            throw StorageError("cannot delete the override of voice \(id)", path: path, error)
        }
    }

    /// Every library voice, oldest first.
    public func libraryVoices() async throws(StorageError) -> [StoredVoice] {
        do {
            return try await database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM library_voice ORDER BY created_at, id").map(Self.voice)
            }
        } catch {
            throw StorageError("cannot read the voice library", path: path, error)
        }
    }

    /// Inserts or replaces `voice` in one transaction.
    public func saveLibraryVoice(_ voice: StoredVoice) async throws(StorageError) {
        do {
            try await database.write { db in
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO library_voice
                        (id, name, engine, language, reference_text, original_file, prepared_file, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        voice.id, voice.name, voice.engine, voice.language, voice.referenceText, voice.originalFile, voice.preparedFile,
                        voice.createdAt.timeIntervalSince1970, voice.updatedAt.timeIntervalSince1970,
                    ]
                )
            }
        } catch {
            throw StorageError("cannot save voice \(voice.id)", path: path, error)
        }
    }

    /// Deletes library voice `id`; false when there was none.
    public func deleteLibraryVoice(_ id: String) async throws(StorageError) -> Bool {
        do {
            return try await database.write { db in
                try db.execute(sql: "DELETE FROM library_voice WHERE id = ?", arguments: [id])
                return db.changesCount > 0
            }
        } catch {
            throw StorageError("cannot delete voice \(id)", path: path, error)
        }
    }

    private static func voice(_ row: Row) -> StoredVoice {
        StoredVoice(
            id: row["id"],
            name: row["name"],
            engine: row["engine"],
            language: row["language"],
            referenceText: row["reference_text"],
            originalFile: row["original_file"],
            preparedFile: row["prepared_file"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            updatedAt: Date(timeIntervalSince1970: row["updated_at"])
        )
    }
}
