public import CoreMetrics
public import Prometheus

/// The server's metrics: one Prometheus registry that every module records into (through swift-metrics) and that
/// `GET /metrics` shows.
public final class ServerMetrics: Sendable {
    /// What `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    /// What modules record through.
    public let factory: any MetricsFactory

    /// HTTP requests, by `method`, `route` (the route's pattern, e.g. `/api/queue/{id}/audio`) and `status`.
    static let httpRequests = "ishowtts_http_requests_total"
    /// Seconds to each response's head, by `method` and `route`.
    static let httpDuration = "ishowtts_http_request_duration_seconds"
    /// Items waiting in the chat speech queue, read at each scrape.
    static let queueDepth = "ishowtts_queue_depth"

    /// A fresh registry with buckets fit for speech: milliseconds to seconds for durations, 0.002–2 for real-time factors.
    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000].map {
            Duration.microseconds(Int64($0 * 1000))
        }
        factory.defaultValueHistogramBuckets = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2]
        self.registry = registry
        self.factory = factory
    }

    /// Every metric in Prometheus's text exposition format, as `/metrics` serves it.
    public func exposition() -> [UInt8] {
        var bytes: [UInt8] = []
        registry.emit(into: &bytes)
        return bytes
    }
}
