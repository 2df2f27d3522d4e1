import Synchronization

/// Records the key paths the configuration readers ask for, so the list of keys is derived from the code that
/// reads them (array indices dropped: `piper.voices[0].id` → `piper.voices.id`).
final class ConfigurationKeyLog: Sendable {
    private let keys = Mutex<[String]>([])

    /// Every distinct key path read, in first-read order.
    var recorded: [String] { keys.withLock { $0 } }

    /// Adds `keyPath` unless already present.
    func record(_ keyPath: String) {
        let normalized = keyPath.replacing(/\[\d+\]/, with: "")
        keys.withLock { if !$0.contains(normalized) { $0.append(normalized) } }
    }
}
