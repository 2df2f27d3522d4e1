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
        return migrator
    }
}
