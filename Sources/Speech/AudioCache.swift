public import CoreMetrics
import OrderedCollections
import SpeechCore
import Synchronization

/// Finished syntheses kept in memory by (voice, text, options), least recently used dropped first past a byte budget:
/// chat repeats itself ("gg", "lol", the same alert text), and a repeat then costs no engine time at all.
///
/// A voice is part of the key as a whole value, so a voice whose reference changes (a new ``Voice``) misses.
public final class AudioCache: Sendable {
    /// What identifies a synthesis.
    struct Key: Hashable, Sendable {
        let voice: Voice
        let text: String
        let options: SynthesisOptions
    }

    private struct State {
        var entries: OrderedDictionary<Key, [AudioChunk]> = [:]
        var bytes = 0
    }

    /// The most audio kept, in bytes of 32-bit samples; 0 turns the cache off.
    public let budgetBytes: Int
    private let state = Mutex(State())
    private let hits: Counter?
    private let misses: Counter?
    private let size: Gauge?

    /// Metric names, as Prometheus shows them.
    public enum Name {
        /// Syntheses answered from the cache.
        public static let hits = "ishowtts_audio_cache_hits_total"
        /// Syntheses the cache did not have.
        public static let misses = "ishowtts_audio_cache_misses_total"
        /// Bytes of audio held.
        public static let bytes = "ishowtts_audio_cache_bytes"
    }

    /// A cache of at most `budgetBytes`, counting hits, misses and its size in `metrics`.
    public init(budgetBytes: Int, metrics: (any MetricsFactory)? = nil) {
        self.budgetBytes = Swift.max(budgetBytes, 0)
        hits = metrics.map { Counter(label: Name.hits, factory: $0) }
        misses = metrics.map { Counter(label: Name.misses, factory: $0) }
        size = metrics.map { Gauge(label: Name.bytes, factory: $0) }
    }

    /// The chunks of an earlier identical synthesis, marking it recently used.
    func chunks(for key: Key) -> [AudioChunk]? {
        guard budgetBytes > 0 else { return nil }
        let found = state.withLock { state -> [AudioChunk]? in
            guard let chunks = state.entries.removeValue(forKey: key) else { return nil }
            state.entries[key] = chunks
            return chunks
        }
        (found == nil ? misses : hits)?.increment()
        return found
    }

    /// Keeps `chunks` for `key`, dropping the least recently used entries past the budget; an entry larger than a
    /// quarter of the budget is not kept (one long text must not flush every short chat line).
    func store(_ chunks: [AudioChunk], for key: Key) {
        let cost = Self.cost(chunks, key)
        guard budgetBytes > 0, cost <= budgetBytes / 4 else { return }
        let bytes = state.withLock { state in
            if let old = state.entries.updateValue(chunks, forKey: key) { state.bytes -= Self.cost(old, key) }
            state.bytes += cost
            while state.bytes > budgetBytes, let (oldKey, oldChunks) = state.entries.elements.first {
                state.entries.removeFirst()
                state.bytes -= Self.cost(oldChunks, oldKey)
            }
            return state.bytes
        }
        size?.record(bytes)
    }

    /// Bytes held now.
    public var bytes: Int { state.withLock { $0.bytes } }

    private static func cost(_ chunks: [AudioChunk], _ key: Key) -> Int {
        chunks.reduce(0) { $0 + $1.audio.samples.count * MemoryLayout<Float>.size } + key.text.utf8.count
    }
}
