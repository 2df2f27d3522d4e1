import Foundation
import Synchronization

/// What an installation is doing, for progress bars and the panel.
public struct ModelInstallEvent: Sendable, Encodable, Equatable {
    /// Where it stands.
    public enum State: String, Sendable, Encodable {
        /// Files are downloading (`bytes` of `total_bytes`).
        case downloading
        /// Every file is there; its checksum is being checked.
        case verifying
        /// The model is in its folder.
        case installed
        /// The server uses it (`detail` says how: a voice id, or "from the next start").
        case ready
        case failed, removed
    }

    /// The model.
    public var name: String
    /// Where it stands.
    public var state: State
    /// Bytes downloaded so far, of all its files.
    public var bytes: Int64
    /// Bytes in all, when known.
    public var totalBytes: Int64?
    /// The error, for `failed`.
    public var detail: String?

    /// Creates an event.
    public init(name: String, state: State, bytes: Int64, totalBytes: Int64?, detail: String? = nil) {
        self.name = name
        self.state = state
        self.bytes = bytes
        self.totalBytes = totalBytes
        self.detail = detail
    }

    /// The event of `model`'s removal (also what `DELETE /api/models/{name}` answers).
    public static func removed(_ model: InstalledModel) -> ModelInstallEvent {
        ModelInstallEvent(name: model.name, state: .removed, bytes: 0, totalBytes: model.sizeBytes)
    }

    enum CodingKeys: String, CodingKey {
        case name, state, bytes, detail
        case totalBytes = "total_bytes"
    }
}

/// Fans installation events out to every listener (the CLI's progress bar, the panel's event stream) without waiting
/// for a slow one: a listener that falls more than its buffer behind misses progress, never the end.
public final class ModelInstallEvents: Sendable {
    private let listeners = Mutex<[Int: AsyncStream<ModelInstallEvent>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    /// Creates a hub with no listener.
    public init() {}

    /// Events from now on, until the listener stops iterating.
    public func subscribe() -> AsyncStream<ModelInstallEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ModelInstallEvent.self, bufferingPolicy: .bufferingNewest(256))
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        listeners.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in _ = self?.listeners.withLock { $0.removeValue(forKey: id) } }
        return stream
    }

    func publish(_ event: ModelInstallEvent) {
        for continuation in listeners.withLock({ Array($0.values) }) { continuation.yield(event) }
    }
}
