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
