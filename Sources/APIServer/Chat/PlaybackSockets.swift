import ChatSources
import Foundation
import Gateway
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import ServiceLifecycle

/// The WebSocket endpoints: `/api/danmaku/stream` (the original's binary packets, audio of each item as it starts)
/// and `/api/events` (the timeline as JSON text frames, resumable with `?since=`).
struct PlaybackSockets: Sendable {
    let gateway: ChatGateway

    func register(on router: Router<BasicWebSocketRequestContext>) {
        router.ws("/api/danmaku/stream") { _, _ in
            .upgrade([:])
        } onUpgrade: { inbound, outbound, _ in
            // Never replays: a new player starts with the next item.
            let subscription = gateway.events.subscribe()
            try await serve(inbound: inbound) {
                for await event in subscription.events where event.kind == .speaking {
                    guard let packet = try Self.danmakuPacket(event) else { continue }
                    try await outbound.write(.binary(packet))
                }
            }
        }
        router.ws("/api/events") { request, _ in
            _ = try EventRoutes<BasicWebSocketRequestContext>.since(request)
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let since = try EventRoutes<BasicWebSocketRequestContext>.since(context.request)
            let subscription = gateway.events.subscribe(since: since)
            try await serve(inbound: inbound) {
                if subscription.gap { try await outbound.write(.text(#"{"type":"resync"}"#)) }
                for event in subscription.missed { try await outbound.write(.text(try Self.json(event))) }
                for await event in subscription.events { try await outbound.write(.text(try Self.json(event))) }
            }
        }
    }

    /// Runs `send` until it ends, the client closes, or the server shuts down; what the client sends is ignored.
    private func serve(inbound: WebSocketInboundStream, send: @escaping @Sendable () async throws -> Void) async throws {
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { for try await _ in inbound.messages(maxSize: 4096) {} }
                group.addTask { try await send() }
                try await group.next()
                group.cancelAll()
            }
        }
    }

    private static func json(_ event: GatewayEvent) throws -> String {
        String(decoding: try JSONResponse.encoder.encode(event), as: UTF8.self)
    }

    /// u32 little-endian header length, the JSON header (`platform, channel, username, display_text, format, color`),
    /// then the WAV bytes: the original's packet.
    static func danmakuPacket(_ event: GatewayEvent) throws -> ByteBuffer? {
        guard let item = event.item, let audio = event.audio else { return nil }
        struct Header: Encodable {
            let platform: String
            let channel: String
            let username: String
            let displayText: String
            let format: String
            let color: String?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(platform, forKey: .platform)
                try container.encode(channel, forKey: .channel)
                try container.encode(username, forKey: .username)
                try container.encode(displayText, forKey: .displayText)
                try container.encode(format, forKey: .format)
                try container.encode(color, forKey: .color)
            }
            enum CodingKeys: String, CodingKey {
                case platform, channel, username, format, color
                case displayText = "display_text"
            }
        }
        let platformName =
            switch item.platform {
            case .twitch: "Twitch"
            case .youtube: "YouTube"
            case .api: "Api"
            }
        let header = try JSONResponse.encoder.encode(
            Header(
                platform: platformName,
                channel: item.channel,
                username: item.displayName,
                displayText: event.caption ?? item.text,
                format: "audio/wav",
                color: item.color
            )
        )
        var buffer = ByteBuffer()
        buffer.reserveCapacity(4 + header.count + audio.count)
        buffer.writeInteger(UInt32(header.count), endianness: .little)
        buffer.writeBytes(header)
        buffer.writeBytes(audio)
        return buffer
    }
}
