import Foundation
import Hummingbird
import NIOCore

/// The local YouTube server's routes: the Data API calls a chat reader makes and Google's device-flow endpoints.
struct YouTubeTestRoutes: Sendable {
    let backend: YouTubeTestBackend

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let api = router.group("youtube/v3")
        api.get("videos") { request, _ in
            try await answer(request) { query in await backend.videoAnswer(id: query["id"] ?? "") }
        }
        api.get("liveBroadcasts") { request, _ in
            try await answer(request, requireOAuth: true) { query in await backend.broadcastsAnswer(status: query["broadcastStatus"]) }
        }
        api.get("channels") { request, _ in
            try await answer(request, requireOAuth: true) { _ in await backend.channelsAnswer() }
        }
        api.get("liveChat/messages") { request, _ in
            let query = Self.query(of: request)
            await backend.record(path: request.uri.path, query: query, authorization: request.headers[.authorization])
            if let refusal = await backend.refusal(query: query, authorization: request.headers[.authorization]) {
                return try Self.json(GoogleError(status: refusal.status, reason: refusal.reason).body, status: refusal.status)
            }
            switch await backend.pageAnswer(chatID: query["liveChatId"] ?? "", pageToken: query["pageToken"]) {
            case .success(let data): return Self.response(data, status: 200)
            case .failure(let error): return try Self.json(error.body, status: error.status)
            }
        }
        router.post("device/code") { request, _ in
            let form = try await Self.form(of: request)
            await backend.record(path: request.uri.path, query: form, authorization: nil)
            return try Self.json(
                [
                    "device_code": YouTubeTestBackend.deviceCode, "user_code": YouTubeTestBackend.userCode,
                    "verification_url": "https://www.google.com/device", "expires_in": 1800, "interval": 1,
                ],
                status: 200
            )
        }
        router.post("token") { request, _ in
            let form = try await Self.form(of: request)
            await backend.record(path: request.uri.path, query: form, authorization: nil)
            switch await backend.tokenAnswer(form: form) {
            case .success(let body): return try Self.json(body, status: 200)
            case .failure(let error): return try Self.json(error.body, status: error.status)
            }
        }
        return router
    }

    private func answer(
        _ request: Request,
        requireOAuth: Bool = false,
        _ body: @Sendable ([String: String]) async -> [String: any Sendable]
    ) async throws -> Response {
        let query = Self.query(of: request)
        let authorization = request.headers[.authorization]
        await backend.record(path: request.uri.path, query: query, authorization: authorization)
        if requireOAuth, query["key"] != nil { return try Self.json(GoogleError(status: 401, reason: "authError").body, status: 401) }
        if let refusal = await backend.refusal(query: query, authorization: authorization) {
            return try Self.json(GoogleError(status: refusal.status, reason: refusal.reason).body, status: refusal.status)
        }
        return try Self.json(await body(query), status: 200)
    }

    private static func query(of request: Request) -> [String: String] {
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
        return query
    }

    private static func form(of request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: 65_536)
        var components = URLComponents()
        components.percentEncodedQuery = String(buffer: buffer)
        var form: [String: String] = [:]
        for item in components.queryItems ?? [] { form[item.name] = item.value ?? "" }
        return form
    }

    private static func json(_ object: [String: any Sendable], status: Int) throws -> Response {
        response(try JSONSerialization.data(withJSONObject: object), status: status)
    }

    private static func response(_ data: Data, status: Int) -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: "application/json; charset=UTF-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
