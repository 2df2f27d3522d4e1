import Foundation
import Gateway
import Hummingbird
import NIOCore
import ServiceLifecycle

/// `GET /api/events` as Server-Sent Events: the gateway's timeline, resumable with `Last-Event-ID` or `?since=`.
struct EventRoutes<Context: RequestContext>: Sendable {
    let gateway: ChatGateway

    func register(on api: RouterGroup<Context>) {
        api.get("events") { request, _ in try events(request) }
    }

    private func events(_ request: Request) throws -> Response {
        let since = try Self.since(request)
        let subscription = gateway.events.subscribe(since: since)
        let first = (subscription.gap ? ["event: resync\ndata: {}\n\n"] : []) + (try subscription.missed.map(Self.frame))
        return ServerSentEvents.response(buffer: gateway.events.subscriberBuffer, first: first) { sink in
            // A client too slow for the buffer is disconnected (it reconnects with Last-Event-ID and catches up)
            // rather than silently missing events.
            for await event in subscription.events {
                if case .dropped = sink.yield(try Self.frame(event)) { break }
            }
        }
    }

    /// `Last-Event-ID` or `?since=`: the last sequence the client saw.
    static func since(_ request: Request) throws -> UInt64? {
        let text = request.headers[.lastEventID] ?? request.uri.queryParameters["since"].map(String.init)
        guard let text, !text.isEmpty else { return nil }
        guard let value = UInt64(text) else {
            throw APIError(.badRequest, code: "invalid_since", message: "Last-Event-ID / since must be an event sequence number")
        }
        return value
    }

    /// One SSE frame: `id`, `event` (the kind) and the JSON `data`.
    static func frame(_ event: GatewayEvent) throws -> String {
        ServerSentEvents.frame(
            id: event.sequence,
            event: event.kind.rawValue,
            data: String(decoding: try JSONResponse.encoder.encode(event), as: UTF8.self)
        )
    }
}
