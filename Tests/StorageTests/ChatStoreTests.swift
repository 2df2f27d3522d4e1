import Foundation
import Storage
import Testing

/// The database on a real SQLite file in a temporary folder.
@Suite struct ChatStoreTests {
    private func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ishowtts-store-\(UUID().uuidString)/db/chat.sqlite").path
    }

    private func insert(_ store: ChatStore, _ id: String, _ sequence: Int64) {
        store.insertQueued(id: id, sequence: sequence, acceptedAt: Date(timeIntervalSince1970: Double(sequence))) { Data(id.utf8) }
    }

    @Test func queuedItemsComeBackInSequenceOrderAfterReopening() async throws {
        let file = path()
        do {
            let store = try ChatStore(path: file)  // creates the missing folders
            insert(store, "c", 3)
            insert(store, "a", 1)
            insert(store, "b", 2)
            insert(store, "x", 4)
            store.removeQueued(ids: ["x"])
            try await store.flush()
        }
        let reopened = try ChatStore(path: file)
        let items = try reopened.queuedItems()
        #expect(items.map(\.id) == ["a", "b", "c"])
        #expect(items.map { String(decoding: $0.payload, as: UTF8.self) } == ["a", "b", "c"])
        #expect(items.first?.acceptedAt == Date(timeIntervalSince1970: 1))
    }

    @Test func markSpokenSeesEveryBatchedWriteBeforeIt() async throws {
        let store = try ChatStore(path: path())
        for index in 0..<500 { insert(store, "item\(index)", Int64(index)) }
        // No flush in between: the batched inserts are still in flight when this waits for its own write.
        try await store.markSpoken("item250")
        let items = try store.queuedItems()
        #expect(items.count == 499)
        #expect(!items.contains { $0.id == "item250" })
    }

    @Test func anItemWithoutAPayloadIsNotStored() async throws {
        let store = try ChatStore(path: path())
        store.insertQueued(id: "none", sequence: 1, acceptedAt: Date()) { nil }
        try await store.flush()
        #expect(try store.queuedItems().isEmpty)
    }

    @Test func historyIsKeptNewestFirstAndPruned() async throws {
        let store = try ChatStore(path: path())
        for (index, age) in [10.0, 5.0, 1.0].enumerated() {
            store.recordHistory(
                ChatHistoryRecord(
                    messageID: "m\(index)",
                    platform: "twitch",
                    channel: "dallas",
                    userLogin: "u",
                    text: "text \(index)",
                    decision: "queued",
                    reason: nil,
                    at: Date().addingTimeInterval(-age * 86_400)
                )
            )
        }
        try await store.flush()
        #expect(try store.history(limit: 10).map(\.messageID) == ["m2", "m1", "m0"])
        let pruned = try await store.pruneHistory(olderThan: Date().addingTimeInterval(-7 * 86_400))
        #expect(pruned == 1)
        #expect(try store.history(limit: 10).map(\.messageID) == ["m2", "m1"])
    }

    @Test func settingsAreSavedAndReplaced() async throws {
        let store = try ChatStore(path: path())
        #expect(try store.setting("k") == nil)
        try await store.saveSetting("k", value: #"{"a":1}"#)
        try await store.saveSetting("k", value: #"{"a":2}"#)
        #expect(try store.setting("k") == #"{"a":2}"#)
    }

    @Test func aPathThatIsNotADatabaseIsAClearError() throws {
        let file = path()
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("this is not sqlite".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: StorageError.self) { try ChatStore(path: file) }
    }
}
