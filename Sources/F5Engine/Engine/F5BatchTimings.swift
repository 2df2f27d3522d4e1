/// Where a batch's time went inside the worker, from its `done` reply.
///
/// A batch's round trip less ``inWorker`` is what the pipes and this server's framing cost; ``inWorker`` less
/// ``compute`` is the worker's own parsing, queueing and writing of the audio.
public struct F5BatchTimings: Sendable, Equatable {
    /// Running the model (sampling and vocoding), `batch_s`.
    public var compute: Duration
    /// From the `synthesize` frame read whole to `done` written, `in_worker_s`.
    public var inWorker: Duration?

    /// Creates timings.
    public init(compute: Duration, inWorker: Duration? = nil) {
        self.compute = compute
        self.inWorker = inWorker
    }

    /// The timings of a `done` reply; `nil` when it has no plausible `batch_s` (a broken worker's absurd figure must
    /// not reach `Duration`, which traps on overflow).
    init?(_ done: F5DoneReply) {
        guard let compute = done.timings?["batch_s"].flatMap(Self.seconds) else { return nil }
        self.compute = compute
        self.inWorker = done.timings?["in_worker_s"].flatMap(Self.seconds)
    }

    /// `value` seconds as a duration, when it is a plausible time (0 up to a day).
    private static func seconds(_ value: Double) -> Duration? {
        value.isFinite && value >= 0 && value <= 86_400 ? .seconds(value) : nil
    }
}
