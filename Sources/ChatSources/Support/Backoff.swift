/// Exponential backoff with jitter: `initial`, doubling up to `maximum`; each wait is drawn from its upper half.
struct Backoff {
    let initial: Duration
    let maximum: Duration
    private(set) var failures = 0

    init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = max(initial, maximum)
    }

    /// The wait before the next attempt; counts one more failure.
    mutating func next() -> Duration {
        let exponent = min(failures, 30)
        failures += 1
        let ceiling = min(maximum, initial * (1 << exponent))
        return ceiling * Double.random(in: 0.5...1.0)
    }

    /// Starts over after a success.
    mutating func reset() { failures = 0 }
}
