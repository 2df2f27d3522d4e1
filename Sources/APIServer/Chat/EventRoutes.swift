import Foundation
import Gateway
import Hummingbird
import NIOCore
import ServiceLifecycle

/// `GET /api/events` as Server-Sent Events: the gateway's timeline, resumable with `Last-Event-ID` or `?since=`.
struct EventRoutes<Context: RequestContext>: Sendable {
    let gateway: ChatGateway
    /// A comment line this often keeps idle connections open through proxies.
    static var keepAliveInterval: Duration { .seconds(15) }

    func register(on api: RouterGroup<Context>) {
        api.get("events") { request, _ in try events(request) }
    }

    private func events(_ request: Request) throws -> Response {
        let since = try Self.since(request)
        let subscription = gateway.events.subscribe(since: since)
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
                if subscription.gap { try await writer.write(ByteBuffer(string: "event: resync\ndata: {}\n\n")) }
                for event in subscription.missed { try await writer.write(ByteBuffer(string: try Self.frame(event))) }
                // Live events and keep-alives share the one writer; a client too slow for the buffer is disconnected
                // (it reconnects with Last-Event-ID and catches up) rather than silently missing events.
                let (frames, sink) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingOldest(gateway.events.subscriberBuffer))
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask {
                        for await event in subscription.events {
                            if case .dropped = sink.yield(try Self.frame(event)) { break }
                        }
                        sink.finish()
                    }
                    group.addTask {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: Self.keepAliveInterval)
                            sink.yield(": keep-alive\n\n")
                        }
                    }
                    // A server shutting down ends the stream (clients reconnect with Last-Event-ID) instead of waiting for it.
                    group.addTask {
                        try? await gracefulShutdown()
                        sink.finish()
                    }
                    for await text in frames { try await writer.write(ByteBuffer(string: text)) }
                    group.cancelAll()
                }
                try await writer.finish(nil)
            }
        )
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
        let json = String(decoding: try JSONResponse.encoder.encode(event), as: UTF8.self)
        return "id: \(event.sequence)\nevent: \(event.kind.rawValue)\ndata: \(json)\n\n"
    }
}
