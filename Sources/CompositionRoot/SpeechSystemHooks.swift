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

    /// ``f5Events``, plus counting worker restarts and standby takeovers in ``metrics``.
    var f5ObserverCountingRestarts: F5EngineObserver? {
        guard let metrics else { return f5Events }
        let events = f5Events
        let dimensions = [("engine", EngineID.f5.rawValue)]
        let restarts = Counter(label: Self.workerRestartsMetric, dimensions: dimensions, factory: metrics)
        let takeovers = Counter(label: Self.workerTakeoversMetric, dimensions: dimensions, factory: metrics)
        return { event in
            switch event {
            case .workerRestarting: restarts.increment()
            case .standbyPromoted: takeovers.increment()
            default: break
            }
            events?(event)
        }
    }
}
