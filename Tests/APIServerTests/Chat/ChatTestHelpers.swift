import Foundation
import Gateway
import HummingbirdWSClient
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import Testing

enum TestChat {
    /// A new, empty data directory (database and all) under the temporary folder.
    static func newDataDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ishowtts-chat-\(UUID().uuidString)").path
    }

    /// Events of `subscription` (those it missed first, then live ones) up to and including the first that satisfies
    /// `done`.
    static func collect(_ subscription: EventHub.Subscription, until done: (GatewayEvent) -> Bool) async -> [GatewayEvent] {
        var events: [GatewayEvent] = []
        for event in subscription.missed {
            events.append(event)
            if done(event) { return events }
        }
        for await event in subscription.events {
            events.append(event)
            if done(event) { break }
        }
        return events
    }
}

/// A player on `/api/danmaku/stream`: connects, and decodes each binary packet (u32 LE header length, JSON header, WAV).
final class WebSocketPlayer: Sendable {
    struct Header: Decodable, Equatable {
        let platform: String
        let channel: String
        let username: String
        let displayText: String
        let format: String
        let color: String?

        enum CodingKeys: String, CodingKey {
            case platform, channel, username, format, color
            case displayText = "display_text"
        }
    }

    struct Packet {
        let header: Header
        let wav: Data
    }

    private let received: AsyncStream<ByteBuffer>
    private let task: Task<Void, any Error>

    init(url: String) {
        let (received, sink) = AsyncStream.makeStream(of: ByteBuffer.self)
        self.received = received
        task = Task {
            defer { sink.finish() }
            try await WebSocketClient.connect(
                url: url,
                configuration: .init(maxFrameSize: 1 << 24),
                logger: Logger(label: "WebSocketPlayer")
            ) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1 << 24) {
                    if case .binary(let buffer) = message { sink.yield(buffer) }
                }
            }
        }
    }

    /// Waits until the server has subscribed this player to the timeline (`subscribers` in all, counting others).
    func waitUntilConnected(hub: EventHub, subscribers: Int = 2) async throws {
        while hub.subscriberCount < subscribers {
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// The next `count` packets, decoded.
    func packets(count: Int) async throws -> [Packet] {
        var packets: [Packet] = []
        for await var buffer in received {
            guard let length = buffer.readInteger(endianness: .little, as: UInt32.self), let bytes = buffer.readBytes(length: Int(length))
            else { throw PacketError() }
            let header = try JSONDecoder().decode(Header.self, from: Data(bytes))
            packets.append(Packet(header: header, wav: Data(buffer.readableBytesView)))
            if packets.count == count { break }
        }
        return packets
    }

    func close() { task.cancel() }

    /// A packet shorter than its header length says.
    struct PacketError: Error {}
}

/// Reads `GET /api/events` as Server-Sent Events over a real socket (HTTP/1.1, chunked body decoded by NIO).
final class SSEReader: Sendable {
    struct Event: Equatable {
        var id: UInt64?
        var event: String?
        var data: String = ""
    }

    private let events: AsyncStream<Event>
    private let task: Task<Void, any Error>

    private init(events: AsyncStream<Event>, task: Task<Void, any Error>) {
        self.events = events
        self.task = task
    }

    static func open(port: Int, lastEventID: UInt64?) async throws -> SSEReader {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        let (events, sink) = AsyncStream.makeStream(of: Event.self)
        let task = Task {
            defer { sink.finish() }
            try await channel.executeThenClose { inbound, outbound in
                var headers = HTTPHeaders([("Host", "127.0.0.1"), ("Accept", "text/event-stream")])
                if let lastEventID { headers.add(name: "Last-Event-ID", value: String(lastEventID)) }
                try await outbound.write(.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: "/api/events", headers: headers)))
                try await outbound.write(.end(nil))
                var pending = ""
                for try await part in inbound {
                    guard case .body(let buffer) = part else { continue }
                    pending += String(buffer: buffer)
                    while let end = pending.range(of: "\n\n") {
                        let block = pending[..<end.lowerBound]
                        pending = String(pending[end.upperBound...])
                        var event = Event()
                        for line in block.split(separator: "\n") {
                            if line.hasPrefix("id: ") { event.id = UInt64(line.dropFirst(4)) }
                            if line.hasPrefix("event: ") { event.event = String(line.dropFirst(7)) }
                            if line.hasPrefix("data: ") { event.data = String(line.dropFirst(6)) }
                        }
                        if event.id != nil { sink.yield(event) }
                    }
                }
            }
        }
        return SSEReader(events: events, task: task)
    }

    /// The next event with an id (comments and `retry:` skipped).
    func nextEvent() async throws -> Event {
        var iterator = events.makeAsyncIterator()
        guard let event = await iterator.next() else { throw CancellationError() }
        return event
    }

    func close() { task.cancel() }
}

/// Reads JSON text frames from `/api/events` over a WebSocket.
enum EventSocketReader {
    static func read(url: String, count: Int) async throws -> [[String: Any]] {
        let (frames, sink) = AsyncStream.makeStream(of: String.self)
        let task = Task {
            try await WebSocketClient.connect(url: url, logger: Logger(label: "EventSocketReader")) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    if case .text(let text) = message { sink.yield(text) }
                }
            }
            sink.finish()
        }
        defer { task.cancel() }
        var decoded: [[String: Any]] = []
        for await text in frames {
            decoded.append((try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:])
            if decoded.count == count { break }
        }
        return decoded
    }
}
