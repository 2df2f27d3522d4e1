import GRDB

/// The schema, as an ordered list of migrations: later features (voice library, tokens) append theirs here.
enum ChatStoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: speech queue, chat history, settings") { db in
            try db.create(table: "queued_item") { table in
                table.primaryKey("id", .text)
                table.column("sequence", .integer).notNull().unique()
                table.column("payload", .blob).notNull()
                table.column("accepted_at", .double).notNull()
            }
            try db.create(table: "chat_history") { table in
                table.autoIncrementedPrimaryKey("row_id")
                table.column("message_id", .text).notNull()
                table.column("platform", .text).notNull()
                table.column("channel", .text).notNull()
                table.column("user_login", .text).notNull()
                table.column("text", .text).notNull()
                table.column("decision", .text).notNull()
                table.column("reason", .text)
                table.column("at", .double).notNull().indexed()
            }
            try db.create(table: "setting") { table in
                table.primaryKey("key", .text)
                table.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("v2: voice library and reference overrides") { db in
            try db.create(table: "library_voice") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull()
                table.column("engine", .text).notNull()
                table.column("language", .text).notNull()
                table.column("reference_text", .text).notNull()
                table.column("original_file", .text).notNull()
                table.column("prepared_file", .text).notNull()
                table.column("created_at", .double).notNull()
                table.column("updated_at", .double).notNull()
            }
            try db.create(table: "voice_override") { table in
                table.primaryKey("voice_id", .text)
                table.column("reference_text", .text)
                table.column("audio_file", .text)
                table.column("updated_at", .double).notNull()
            }
        }
        migrator.registerMigration("v3: platform sign-ins") { db in
            try db.create(table: "credential") { table in
                table.primaryKey("provider", .text)
                table.column("secret", .blob).notNull()
                table.column("updated_at", .double).notNull()
            }
        }
        return migrator
    }
}
