import ChatSources
import Foundation
import Gateway
import Hummingbird
import Speech
import SpeechCore

/// The chat and queue control API: the original's `/api/danmaku/*`, sources, the queue and the gateway's settings.
struct ChatRoutes<Context: RequestContext>: Sendable {
    let speech: SpeechService
    let chat: ChatEndpoints
    let body: JSONBody

    private var gateway: ChatGateway { chat.gateway }

    func register(on api: RouterGroup<Context>) {
        api.post("danmaku/start") { request, _ in try await start(request) }
        api.post("danmaku/stop") { request, _ in try await stop(request) }
        api.post("danmaku/enqueue") { request, _ in try await enqueue(request) }
        api.get("sources") { _, _ in try await sources() }

        api.get("queue") { _, _ in try JSONResponse.make(gateway.snapshot()) }
        api.post("queue/pause") { _, _ in
            gateway.pause()
            return try queueState()
        }
        api.post("queue/resume") { _, _ in
            gateway.resume()
            return try queueState()
        }
        api.post("queue/skip") { _, _ in try JSONResponse.make(["skipped": gateway.skip()]) }
        api.post("queue/clear") { _, _ in try JSONResponse.make(["removed": gateway.clear()]) }
        api.delete("queue/:id") { _, context in try remove(context) }
        api.delete("queue/users/:login") { _, context in
            try JSONResponse.make(["removed": gateway.removeUser(try context.parameters.require("login"))])
        }
        api.get("queue/:id/audio") { _, context in try audio(context) }

        api.get("gateway/settings") { _, _ in try settings() }
        api.put("gateway/settings") { request, _ in try await updateSettings(request) }
    }

    // MARK: Sources

    /// A source as `/api/danmaku/start|stop` name it.
    private enum Source {
        case twitch(TwitchChannel)
        case youtube(YouTubeStream)

        var platform: ChatPlatform {
            switch self {
            case .twitch: .twitch
            case .youtube: .youtube
            }
        }

        /// The gateway's name for its chat (the Twitch login, the YouTube video id or `mine`).
        var channel: String {
            switch self {
            case .twitch(let channel): channel.name
            case .youtube(let stream): stream.name
            }
        }
    }

    private func start(_ request: Request) async throws -> Response {
        let payload = try await body.decode(DanmakuSourceRequest.self, from: request)
        let source = try self.source(payload)
        if let voice = payload.voiceID {
            guard speech.catalog.voices.contains(where: { $0.id == voice }) else {
                throw APIError(.notFound, code: "unknown_voice", message: "unknown voice \(voice.debugDescription)", field: "voice_id")
            }
            do {
                try gateway.setChannelVoice(voice, platform: source.platform, channel: source.channel)
            } catch {
                throw APIError(.badRequest, code: "invalid_setting", message: error.description, field: error.field)
            }
        }
        switch source {
        case .twitch(let channel):
            await chat.twitch.join(channel)
        case .youtube(let stream):
            do {
                try await chat.youtube.start(stream)
            } catch {
                throw APIError(.conflict, code: "platform_not_configured", message: error.description)
            }
        }
        return try JSONResponse.make(["status": "started", "channel": source.channel], status: .accepted)
    }

    private func stop(_ request: Request) async throws -> Response {
        let payload = try await body.decode(DanmakuSourceRequest.self, from: request)
        let stopped: Bool
        let source = try self.source(payload)
        switch source {
        case .twitch(let channel):
            stopped = await chat.twitch.joinedChannels.contains(channel)
            if stopped { await chat.twitch.part(channel) }
        case .youtube(let stream):
            stopped = await chat.youtube.stop(stream)
        }
        guard stopped else { return try JSONResponse.make(StopResponse(status: "idle", channel: nil)) }
        return try JSONResponse.make(StopResponse(status: "stopped", channel: source.channel), status: .accepted)
    }

    private struct StopResponse: Encodable {
        let status: String
        let channel: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encode(channel, forKey: .channel)  // null when idle, as in the original
        }
        enum CodingKeys: String, CodingKey { case status, channel }
    }

    private func source(_ payload: DanmakuSourceRequest) throws -> Source {
        switch payload.platform.lowercased() {
        case "twitch":
            guard let channel = TwitchChannel(payload.channel) else {
                throw APIError(.badRequest, code: "invalid_channel", message: "channel must be \(TwitchChannel.rule)", field: "channel")
            }
            return .twitch(channel)
        case "youtube":
            guard let stream = YouTubeStream(payload.channel) else {
                throw APIError(.badRequest, code: "invalid_channel", message: "channel must be \(YouTubeStream.rule)", field: "channel")
            }
            return .youtube(stream)
        default:
            throw APIError(
                .badRequest,
                code: "invalid_platform",
                message: "unsupported platform \(payload.platform.debugDescription): use twitch or youtube",
                field: "platform"
            )
        }
    }

    private func sources() async throws -> Response {
        let channels = await chat.twitch.joinedChannels.map(\.name)
        return try JSONResponse.make(
            SourcesResponse(
                sources: gateway.sources(),
                twitchChannels: channels,
                twitchTransport: await chat.twitch.activeTransport.rawValue,
                youtube: .init(streams: await chat.youtube.streams, quota: await chat.youtube.quotaStatus)
            )
        )
    }

    // MARK: Enqueue

    /// 202 when queued (and stored), 204 when filtered (as the original), with the reason in `X-Filter-Reason`.
    private func enqueue(_ request: Request) async throws -> Response {
        let payload = try await body.decode(DanmakuEnqueueRequest.self, from: request)
        let message = try payload.message()
        switch gateway.accept(message, lane: payload.lane) {
        case .queued(let item):
            // A 202 promises the item survives a crash: it is on disk before the answer goes out.
            try await gateway.flushStorage()
            return try JSONResponse.make(["status": "queued", "id": item.id], status: .accepted)
        case .filtered(let reason):
            return Response(status: .noContent, headers: [.filterReason: reason.rawValue])
        }
    }

    // MARK: Queue

    private func queueState() throws -> Response { try JSONResponse.make(gateway.snapshot()) }

    private func remove(_ context: Context) throws -> Response {
        let id = try context.parameters.require("id")
        guard gateway.remove(id: id) else {
            throw APIError(.notFound, code: "not_found", message: "no queued or speaking item \(id.debugDescription)")
        }
        return Response(status: .noContent)
    }

    private func audio(_ context: Context) throws -> Response {
        let id = try context.parameters.require("id")
        guard let audio = gateway.audio(for: id) else {
            throw APIError(
                .notFound,
                code: "audio_not_ready",
                message: "item \(id.debugDescription) has no audio: not queued, not rendered yet, or finished"
            )
        }
        return Response(
            status: .ok,
            headers: [.contentType: "audio/wav", .cacheControl: "no-store", .contentLength: String(audio.wav.count)],
            body: .init(byteBuffer: ByteBuffer(bytes: audio.wav))
        )
    }

    // MARK: Settings

    private struct SettingsResponse: Encodable {
        let settings: GatewayRules
        let sources: [String: String]
    }

    private func settings() throws -> Response {
        let (rules, sources) = gateway.rules()
        return try JSONResponse.make(SettingsResponse(settings: rules, sources: sources))
    }

    private func updateSettings(_ request: Request) async throws -> Response {
        let data = try await body.data(from: request)
        do {
            _ = try await gateway.updateRules(data)
        } catch let error as GatewayRulesError {
            throw APIError(.badRequest, code: "invalid_setting", message: error.description, field: error.field)
        }
        return try settings()
    }
}

/// `GET /api/sources`: each source's state, the Twitch channels joined and the transport reading them, and the YouTube
/// streams read with the day's quota.
private struct SourcesResponse: Encodable {
    struct YouTube: Encodable {
        let streams: [YouTubeStreamStatus]
        let quota: YouTubeQuotaStatus
    }

    let sources: [SourceSnapshot]
    let twitchChannels: [String]
    /// `irc` or `eventsub`: what reads Twitch now.
    let twitchTransport: String
    let youtube: YouTube

    enum CodingKeys: String, CodingKey {
        case sources, youtube
        case twitchChannels = "twitch_channels"
        case twitchTransport = "twitch_transport"
    }
}
