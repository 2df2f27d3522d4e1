import Synchronization

/// A flag a cancelled task sets and a dispatch queue job reads (a queue has no `Task.isCancelled`).
final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)

    /// Marks the work as cancelled.
    func cancel() { value.store(true, ordering: .relaxed) }

    /// Whether ``cancel()`` was called.
    var isCancelled: Bool { value.load(ordering: .relaxed) }
}
