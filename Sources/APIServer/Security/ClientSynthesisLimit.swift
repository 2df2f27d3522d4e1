import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// At most `limit` syntheses at once per client address, across every synthesis route, so one client cannot take
/// every engine slot; past it, `429 too_many_requests` with `Retry-After: 1`. A streamed response holds its slot until
/// its last byte is written.
struct ClientSynthesisLimitMiddleware<Context: RemoteAddressRequestContext>: RouterMiddleware {
    /// The routes that synthesize.
    static var synthesisRoutes: Set<String> { ["/api/tts", "/api/tts/stream", "/v1/audio/speech"] }

    let limit: Int
    let counts: ClientSynthesisCounts

    init(limit: Int) {
        self.limit = limit
        self.counts = ClientSynthesisCounts()
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, Self.synthesisRoutes.contains(request.uri.path) else { return try await next(request, context) }
        let client = context.remoteAddress?.ipAddress ?? "unknown"
        guard counts.acquire(client, limit: limit) else {
            throw APIError(
                .tooManyRequests,
                code: "too_many_requests",
                message: "this client already has \(limit) syntheses running; wait for one to finish",
                headers: [.retryAfter: "1"]
            )
        }
        do {
            var response = try await next(request, context)
            let counts = self.counts
            let body = response.body
            response.body = ResponseBody(contentLength: body.contentLength) { writer in
                defer { counts.release(client) }
                try await body.write(writer)
            }
            return response
        } catch {
            counts.release(client)
            throw error
        }
    }
}

/// Running syntheses per client address.
final class ClientSynthesisCounts: Sendable {
    private let running = Mutex<[String: Int]>([:])

    /// Takes a slot for `client` unless it already holds `limit`.
    func acquire(_ client: String, limit: Int) -> Bool {
        running.withLock { running in
            let current = running[client, default: 0]
            guard current < limit else { return false }
            running[client] = current + 1
            return true
        }
    }

    /// Gives back one of `client`'s slots.
    func release(_ client: String) {
        running.withLock { running in
            let remaining = running[client, default: 1] - 1
            running[client] = remaining > 0 ? remaining : nil
        }
    }

    /// Slots held by `client` now.
    func count(_ client: String) -> Int { running.withLock { $0[client, default: 0] } }
}
