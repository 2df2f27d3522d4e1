public import CoreMetrics
public import F5Engine
public import PiperEngine
public import Speech
public import SpeechCore

/// Observers the composition root wires into what it builds: metrics, and tests that wait on events instead of logs.
public struct SpeechSystemHooks: Sendable {
    /// Hears what the Piper engine does.
    public var piperEvents: PiperEngineObserver?
    /// Hears what the F5 engine does.
    public var f5Events: F5EngineObserver?
    /// Hears every change of every engine's admission limiter.
    public var occupancy: (@Sendable (EngineID, ConcurrencyLimiter.Occupancy) -> Void)?
    /// Called when the engines start loading their voices; from then on a shutdown signal is handled gracefully.
    public var loadingStarted: (@Sendable () -> Void)?
    /// Where the speech service and the engines record their metrics (the server's Prometheus registry).
    public var metrics: (any MetricsFactory)?

    /// Creates hooks; none by default.
    public init(
        piperEvents: PiperEngineObserver? = nil,
        f5Events: F5EngineObserver? = nil,
        occupancy: (@Sendable (EngineID, ConcurrencyLimiter.Occupancy) -> Void)? = nil,
        loadingStarted: (@Sendable () -> Void)? = nil,
        metrics: (any MetricsFactory)? = nil
    ) {
        self.piperEvents = piperEvents
        self.f5Events = f5Events
        self.occupancy = occupancy
        self.loadingStarted = loadingStarted
        self.metrics = metrics
    }
}

extension SpeechSystemHooks {
    /// Counted when an engine's worker process is started again after it ended, by `engine`.
    public static let workerRestartsMetric = "ishowtts_worker_restarts_total"
    /// Counted when a standby worker takes over from a serving one that died, by `engine`.
    public static let workerTakeoversMetric = "ishowtts_worker_takeovers_total"

    /// Seconds from an F5 batch's frame written to the worker's `done` read.
    public static let f5BatchRoundTripMetric = "ishowtts_f5_batch_round_trip_seconds"
    /// Seconds from an F5 batch's frame read by the worker to its `done` written (the round trip less the pipes).
    public static let f5WorkerBatchMetric = "ishowtts_f5_worker_batch_seconds"
    /// Seconds the F5 worker spent running the model for a batch (its time less parsing, queueing and writing).
    public static let f5WorkerComputeMetric = "ishowtts_f5_worker_compute_seconds"

    /// ``f5Events``, plus counting worker restarts and standby takeovers and timing batches in ``metrics``.
    var f5ObserverRecordingMetrics: F5EngineObserver? {
        guard let metrics else { return f5Events }
        let events = f5Events
        let dimensions = [("engine", EngineID.f5.rawValue)]
        let restarts = Counter(label: Self.workerRestartsMetric, dimensions: dimensions, factory: metrics)
        let takeovers = Counter(label: Self.workerTakeoversMetric, dimensions: dimensions, factory: metrics)
        let roundTrips = Timer(label: Self.f5BatchRoundTripMetric, factory: metrics)
        let inWorker = Timer(label: Self.f5WorkerBatchMetric, factory: metrics)
        let computes = Timer(label: Self.f5WorkerComputeMetric, factory: metrics)
        return { event in
            switch event {
            case .workerRestarting: restarts.increment()
            case .standbyPromoted: takeovers.increment()
            case .batchFinished(_, _, _, let roundTrip, let timings):
                roundTrips.recordSeconds(roundTrip.seconds)
                if let timings {
                    computes.recordSeconds(timings.compute.seconds)
                    if let seconds = timings.inWorker?.seconds { inWorker.recordSeconds(seconds) }
                }
            default: break
            }
            events?(event)
        }
    }
}
