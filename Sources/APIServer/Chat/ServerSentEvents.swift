import Hummingbird
import NIOCore
import ServiceLifecycle

/// A `text/event-stream` response, the one way the server streams events (the gateway's timeline, model installs):
/// frames are buffered per client, keep-alive comments hold idle connections open through proxies, and a server
/// shutting down ends the stream (clients reconnect) instead of waiting for it.
enum ServerSentEvents {
    /// A comment line this often keeps idle connections open.
    static var keepAliveInterval: Duration { .seconds(15) }

    /// Writes `first`, then every frame `pump` yields (at most `buffer` waiting; a client too slow for that is cut
    /// off and reconnects) until `pump` finishes the stream, the client leaves or the server shuts down.
    static func response(
        buffer: Int,
        first: [String],
        pump: @escaping @Sendable (AsyncStream<String>.Continuation) async throws -> Void
    ) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
                for frame in first { try await writer.write(ByteBuffer(string: frame)) }
                let (frames, sink) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingOldest(buffer))
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask {
                        try await pump(sink)
                        sink.finish()
                    }
                    group.addTask {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: keepAliveInterval)
                            sink.yield(": keep-alive\n\n")
                        }
                    }
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

    /// One frame: `id` (when given), `event` and the `data` line.
    static func frame(id: UInt64? = nil, event: String, data: String) -> String {
        (id.map { "id: \($0)\n" } ?? "") + "event: \(event)\ndata: \(data)\n\n"
    }
}
