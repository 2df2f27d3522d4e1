import HTTPTypes
import Hummingbird

/// Applies ``WebOriginPolicy``: refuses unknown hosts (421) and cross-origin requests that change state or open a
/// WebSocket (403), answers CORS preflights, and adds CORS headers for listed origins, error responses included.
struct WebOriginMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: WebOriginPolicy
    /// The WebSocket router's requests are all upgrades: a cross-origin page may not open one, even with GET.
    let everyRequestChangesState: Bool

    /// Methods a cross-origin page may use without being listed, since they change nothing.
    private static var safeMethods: Set<HTTPRequest.Method> { [.get, .head, .options] }
    static var allowedMethods: String { "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" }
    static var allowedHeaders: String { "Authorization, Content-Type, Last-Event-ID" }
    static var exposedHeaders: String { "X-Voice-Id, X-Sample-Rate, X-Filter-Reason, Retry-After" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let authority = request.head.authority
        guard policy.allowsHost(authority) else {
            throw APIError(
                .misdirectedRequest,
                code: "host_not_allowed",
                message: "this server does not answer to '\(authority ?? "")'; add it to api.allowed_hosts"
            )
        }
        guard let origin = request.headers[.origin], WebOriginPolicy.isWebPageOrigin(origin) else { return try await next(request, context) }
        let listed = policy.allowsCrossOrigin(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            guard listed else { throw Self.crossOriginRefused(origin) }
            var headers = corsHeaders(origin)
            headers[.accessControlAllowMethods] = Self.allowedMethods
            headers[.accessControlAllowHeaders] = Self.allowedHeaders
            headers[.accessControlMaxAge] = "600"
            return Response(status: .noContent, headers: headers)
        }
        let sameOrigin = WebOriginPolicy.isSameOrigin(origin, authority: authority)
        if !sameOrigin, !listed, everyRequestChangesState || !Self.safeMethods.contains(request.method) {
            throw Self.crossOriginRefused(origin)
        }
        guard listed else { return try await next(request, context) }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = try error.response(from: request, context: context)
        }
        for field in corsHeaders(origin) { response.headers.append(field) }
        return response
    }

    private func corsHeaders(_ origin: String) -> HTTPFields {
        [
            .accessControlAllowOrigin: origin,
            .vary: "Origin",
            .accessControlExposeHeaders: Self.exposedHeaders,
        ]
    }

    private static func crossOriginRefused(_ origin: String) -> APIError {
        APIError(
            .forbidden,
            code: "cross_origin_refused",
            message: "requests from pages at \(origin) are not accepted; add the origin to api.cors_origins to allow them"
        )
    }
}
