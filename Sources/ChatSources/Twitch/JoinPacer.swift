import DequeModule

/// Keeps JOINs within Twitch's limit: at most `limit` in any `window`.
struct JoinPacer {
    let limit: Int
    let window: Duration
    private var sent: Deque<ContinuousClock.Instant> = []

    init(limit: Int, window: Duration) {
        self.limit = max(1, limit)
        self.window = window
    }

    /// How long to wait before the next JOIN may go at `now`; zero when it may go at once.
    mutating func delay(at now: ContinuousClock.Instant) -> Duration {
        while let oldest = sent.first, now - oldest >= window { sent.removeFirst() }
        guard sent.count >= limit, let oldest = sent.first else { return .zero }
        return window - (now - oldest)
    }

    /// Records a JOIN sent at `now`.
    mutating func record(at now: ContinuousClock.Instant) { sent.append(now) }
}

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
