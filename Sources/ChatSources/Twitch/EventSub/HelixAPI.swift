import Foundation

/// The Helix calls an EventSub reader makes (users, subscriptions), with the app's `Client-Id` and the signed-in
/// user's token, renewed once when Helix refuses it.
struct HelixAPI: Sendable {
    let baseURL: URL
    let clientID: String
    let session: OAuthSession
    let http: PlatformHTTPClient

    /// A Twitch user.
    struct User: Decodable, Sendable, Equatable {
        let id: String
        let login: String
        let displayName: String?

        enum CodingKeys: String, CodingKey {
            case id, login
            case displayName = "display_name"
        }
    }

    private struct DataList<Item: Decodable>: Decodable { let data: [Item] }

    /// The signed-in user (`GET /users` without a login).
    func me() async throws(TwitchAPIError) -> User {
        guard let user = try await get("users", [], as: DataList<User>.self).data.first else {
            throw .refused("Helix returned no user for the token")
        }
        return user
    }

    /// The users with `logins` (`GET /users?login=…`, up to 100 at once); logins Twitch does not know are left out.
    func users(logins: [String]) async throws(TwitchAPIError) -> [User] {
        var found: [User] = []
        for start in stride(from: 0, to: logins.count, by: 100) {
            let batch = logins[start..<min(start + 100, logins.count)]
            found += try await get("users", batch.map { ("login", $0) }, as: DataList<User>.self).data
        }
        return found
    }

    /// Subscribes `sessionID` to `type` for `condition`; the subscription's id (`nil` when it already existed).
    func subscribe(type: String, condition: [String: String], sessionID: String) async throws(TwitchAPIError) -> String? {
        struct Body: Encodable {
            struct Transport: Encodable {
                let method = "websocket"
                let sessionID: String
                enum CodingKeys: String, CodingKey {
                    case method
                    case sessionID = "session_id"
                }
            }
            let type: String
            let version = "1"
            let condition: [String: String]
            let transport: Transport
        }
        struct Created: Decodable { let id: String }
        let body = Body(type: type, condition: condition, transport: .init(sessionID: sessionID))
        let reply = try await send { token in
            try await http.postJSON(url("eventsub/subscriptions", []), body, headers: headers(token))
        }
        if reply.status == 409 { return nil }  // already subscribed on this session
        do {
            return try reply.decode(DataList<Created>.self).data.first?.id
        } catch {
            throw TwitchAPIError(error)
        }
    }

    /// Deletes subscription `id`.
    func unsubscribe(id: String) async throws(TwitchAPIError) {
        let reply = try await send { token in try await http.delete(url("eventsub/subscriptions", [("id", id)]), headers: headers(token)) }
        guard (200..<300).contains(reply.status) || reply.status == 404 else {
            throw TwitchAPIError(PlatformHTTPError(call: reply.call, status: reply.status, body: reply.body))
        }
    }

    /// Checks the token with Twitch's `validate` endpoint (`Authorization: OAuth …`), renewing it once when refused.
    func validate(at url: URL) async throws(TwitchAPIError) {
        let reply = try await send { token in try await http.get(url, headers: [("Authorization", "OAuth \(token)")]) }
        guard (200..<300).contains(reply.status) else {
            throw TwitchAPIError(PlatformHTTPError(call: reply.call, status: reply.status, body: reply.body))
        }
    }

    private func get<T: Decodable>(_ path: String, _ query: [(String, String)], as type: T.Type) async throws(TwitchAPIError) -> T {
        let target = url(path, query)
        let reply = try await send { token in try await http.get(target, headers: headers(token)) }
        do {
            return try reply.decode(T.self)
        } catch {
            throw TwitchAPIError(error)
        }
    }

    /// Sends with the current token; after a 401, once more with a renewed one.
    private func send(_ call: (String) async throws -> PlatformHTTPClient.Reply) async throws(TwitchAPIError) -> PlatformHTTPClient.Reply {
        do {
            let token = try await session.accessToken()
            let reply = try await call(token)
            guard reply.status == 401 else { return reply }
            return try await call(try await session.renewAfterRejection(of: token))
        } catch let error as PlatformHTTPError {
            throw TwitchAPIError(error)
        } catch let error as OAuthError {
            if case .request(let detail) = error { throw .transient(detail) }
            throw .refused(error.description)
        } catch {
            throw .transient(String(describing: error))
        }
    }

    private func headers(_ token: String) -> [(String, String)] {
        [("Authorization", "Bearer \(token)"), ("Client-Id", clientID)]
    }

    private func url(_ path: String, _ query: [(String, String)]) -> URL {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if !query.isEmpty { components?.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        return components?.url ?? baseURL
    }
}

/// Why a Helix call failed, sorted by what the reader does next.
enum TwitchAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The token or app may not do this (401 after a renewal, 403 missing scope): stop until the streamer fixes it.
    case refused(String)
    /// The request itself is wrong for this channel (400): skip it.
    case rejected(String)
    /// Worth another try after a pause.
    case transient(String)

    init(_ error: PlatformHTTPError) {
        switch error.status {
        case 401?, 403?: self = .refused(error.description)
        case 400?: self = .rejected(error.description)
        default: self = .transient(error.description)
        }
    }

    var description: String {
        switch self {
        case .refused(let detail), .rejected(let detail), .transient(let detail): detail
        }
    }
}
