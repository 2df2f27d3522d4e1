import Gateway
import Hummingbird
import NIOCore
import Prometheus

/// `GET /metrics`: the Prometheus text exposition (admin scope when keys are set; Prometheus sends the key as a
/// bearer token).
struct MetricsRoutes<Context: RequestContext>: Sendable {
    let metrics: ServerMetrics
    let gateway: ChatGateway?

    func register(on router: Router<Context>) {
        let depth = metrics.registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: ServerMetrics.queueDepth,
                unitName: "",  // the name already ends in its unit; empty parts are left out of the full name
                helpText: "Items waiting in the chat speech queue."
            )
        )
        router.get("metrics") { _, _ in
            if let gateway { depth.set(Double(gateway.queuedCount)) }
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition()))
            )
        }
    }
}
