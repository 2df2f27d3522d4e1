/// What the scheduler holds at one moment (for health, `doctor` and tests).
public struct F5SchedulerSnapshot: Sendable, Equatable {
    /// Items waiting for a worker.
    public let queuedItems: Int
    /// Requests still running.
    public let activeRequests: Int
    /// Batches on workers.
    public let inFlightBatches: Int
    /// Workers ready for work or busy.
    public let liveWorkers: Int
}
