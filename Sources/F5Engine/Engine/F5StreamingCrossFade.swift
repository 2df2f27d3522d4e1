/// The official linear cross-fade between consecutive chunks, done as the chunks stream.
///
/// Official F5 joins chunk waves with `prev[-n:] * linspace(1, 0, n) + next[:n] * linspace(0, 1, n)`,
/// `n = min(cross_fade_samples, len(prev), len(next))`. Streaming gives the same samples: the last `overlap`
/// samples of what has been produced are held back and blended into the start of the next chunk.
struct F5StreamingCrossFade: Sendable {
    /// Samples of overlap (`cross_fade_duration × 24000`).
    let overlap: Int
    private var held: [Float] = []
    private var started = false

    init(overlap: Int) {
        self.overlap = max(0, overlap)
    }

    /// Adds the next chunk; returns the samples that are final now. With `isLast`, nothing is held back.
    mutating func push(_ samples: [Float], isLast: Bool) -> [Float] {
        var combined: [Float]
        if !started || overlap == 0 {
            combined = held + samples
        } else {
            let n = min(held.count, samples.count)
            combined = Array(held.prefix(held.count - n))
            combined.reserveCapacity(held.count + samples.count)
            let previous = held.suffix(n)
            for (k, (old, new)) in zip(previous, samples.prefix(n)).enumerated() {
                // linspace(0, 1, n)[k]; a single sample keeps the previous chunk's value, as numpy does.
                let fadeIn = n > 1 ? Float(k) / Float(n - 1) : 0
                combined.append(old * (1 - fadeIn) + new * fadeIn)
            }
            combined += samples.dropFirst(n)
        }
        started = true
        if isLast {
            held = []
            return combined
        }
        let keep = min(overlap, combined.count)
        held = Array(combined.suffix(keep))
        return Array(combined.dropLast(keep))
    }
}
