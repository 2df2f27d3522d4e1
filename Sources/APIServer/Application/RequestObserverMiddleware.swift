import CoreMetrics
import Hummingbird
import Logging
import SpeechCore

/// Logs each request's method, path (never its query, which may hold `?key=`), status and duration at debug level,
/// and counts it by route pattern and status in the server's metrics.
struct RequestObserverMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: (any MetricsFactory)?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            observe(request, status: response.status.code, since: started, context: context)
            return response
        } catch let error as any HTTPResponseError {
            observe(request, status: error.status.code, since: started, context: context)
            throw error
        }
    }

    private func observe(_ request: Request, status: Int, since started: ContinuousClock.Instant, context: Context) {
        let elapsed = ContinuousClock.now - started
        context.logger.debug(
            "request",
            metadata: ["method": "\(request.method)", "path": "\(request.uri.path)", "status": "\(status)", "elapsed": "\(elapsed)"]
        )
        guard let metrics else { return }
        // The matched pattern, not the path (ids in paths would make a series per id); Hummingbird names misses NotFound.
        let route = context.endpointPath ?? "NotFound"
        let method = request.method.rawValue
        Counter(
            label: ServerMetrics.httpRequests,
            dimensions: [("method", method), ("route", route), ("status", String(status))],
            factory: metrics
        )
        .increment()
        Timer(label: ServerMetrics.httpDuration, dimensions: [("method", method), ("route", route)], factory: metrics).recordSeconds(elapsed.seconds)
    }
}
