import GRDB
import Synchronization

/// Collects the writes chat produces at its own pace and applies them in one transaction per batch, in order.
///
/// At chat rates a transaction per message would spend the disk's and a core's time on commits; here the first write
/// of a batch schedules one flush on the database's writer, and everything added until that flush runs rides along.
/// A write that must be on disk before the caller goes on (`markSpoken`) goes through the same writer afterwards, so
/// it always sees every batched write made before it.
final class WriteBatcher: Sendable {
    typealias Write = @Sendable (Database) throws -> Void

    private struct State {
        var pending: [Write] = []
        var flushScheduled = false
    }
    private let state = Mutex(State())
    private let database: DatabasePool
    private let onFailure: @Sendable (any Error) -> Void

    init(database: DatabasePool, onFailure: @escaping @Sendable (any Error) -> Void) {
        self.database = database
        self.onFailure = onFailure
    }

    /// Adds `write` to the next batch; returns at once.
    func add(_ write: @escaping Write) {
        let schedule = state.withLock { state -> Bool in
            state.pending.append(write)
            defer { state.flushScheduled = true }
            return !state.flushScheduled
        }
        guard schedule else { return }
        database.asyncWrite(
            { [self] db in
                let writes = self.state.withLock { state -> [Write] in
                    state.flushScheduled = false
                    defer { state.pending.removeAll(keepingCapacity: true) }
                    return state.pending
                }
                for write in writes { try write(db) }
            },
            completion: { [onFailure] _, result in
                if case .failure(let error) = result { onFailure(error) }
            }
        )
    }
}
