import HTTPTypes
import Hummingbird
import TextPrep

/// Asks for an API key when keys are configured: `Authorization: Bearer KEY`, or `?key=KEY` where a header cannot be
/// set (OBS browser sources, WebSockets from a page). 401 without a valid key, 403 when its scope is too small.
struct AuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let keys: APIKeys

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !keys.isEmpty else { return try await next(request, context) }
        let required = RouteAccess.required(method: request.method, path: request.uri.path)
        guard required != .open else { return try await next(request, context) }
        guard let presented = Self.presentedKey(request) else {
            throw Self.unauthorized("this server needs an API key: send 'Authorization: Bearer KEY' or '?key=KEY'")
        }
        guard let scope = keys.scope(of: presented) else { throw Self.unauthorized("the API key is not valid") }
        guard required.isSatisfied(by: scope) else {
            throw APIError(.forbidden, code: "insufficient_scope", message: "a player key may only read the playback stream, events and audio")
        }
        return try await next(request, context)
    }

    /// The key from the bearer header, else from the query.
    static func presentedKey(_ request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingSpaces() }
        }
        return request.uri.queryParameters["key"].map(String.init)
    }

    private static func unauthorized(_ message: String) -> APIError {
        APIError(.unauthorized, code: "unauthorized", message: message, headers: [.wwwAuthenticate: "Bearer"])
    }
}
