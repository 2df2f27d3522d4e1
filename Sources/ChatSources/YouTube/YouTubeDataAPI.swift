import Foundation

/// How calls to the YouTube Data API are authorised.
public enum YouTubeCredentials: Sendable {
    /// The streamer's Google Cloud project key: reads any public live chat.
    case apiKey(String)
    /// The signed-in channel (device flow): also finds the channel's own live broadcast.
    case oauth(OAuthSession)
}

/// Reads pages of one live chat. The REST reader polls `liveChatMessages.list`; Google's gRPC `streamList` would be
/// another (it needs the service's proto definition, which no package here ships).
protocol LiveChatPageReader: Sendable {
    /// The page after `pageToken` (the newest history when `nil`).
    func page(chatID: String, after pageToken: String?) async throws(YouTubeError) -> LiveChatPage
}

/// The three YouTube Data API v3 calls a chat reader needs, over REST, renewing an OAuth token once when refused.
struct YouTubeDataAPI: LiveChatPageReader {
    let baseURL: URL
    let credentials: YouTubeCredentials
    let http: PlatformHTTPClient

    /// The live chat of `videoID` (`videos.list`); `nil` while the video has none yet (not live, or chat off), and
    /// ``YouTubeError/chatUnavailable(_:)`` when there is no such video, it is no live stream, or its stream ended.
    func liveChatID(ofVideo videoID: String) async throws(YouTubeError) -> String? {
        struct Answer: Decodable {
            struct Video: Decodable {
                struct Live: Decodable {
                    let activeLiveChatId: String?
                    let actualEndTime: String?
                }
                let liveStreamingDetails: Live?
            }
            let items: [Video]
        }
        let answer = try await get("videos", [("part", "liveStreamingDetails"), ("id", videoID)], as: Answer.self)
        guard let video = answer.items.first else { throw .chatUnavailable("YouTube has no video \(videoID)") }
        guard let live = video.liveStreamingDetails else { throw .chatUnavailable("video \(videoID) is not a live stream") }
        if let chatID = live.activeLiveChatId { return chatID }
        if live.actualEndTime != nil { throw .chatUnavailable("the live stream of \(videoID) has ended") }
        return nil
    }

    /// The signed-in channel's broadcast that is live now (`liveBroadcasts.list` of the channel's active broadcasts,
    /// not the costly `search.list`): its video id and chat, or `nil` while none is live.
    func ownLiveBroadcast() async throws(YouTubeError) -> (videoID: String, chatID: String)? {
        struct Answer: Decodable {
            struct Broadcast: Decodable {
                struct Snippet: Decodable { let liveChatId: String? }
                struct Status: Decodable { let lifeCycleStatus: String? }
                let id: String
                let snippet: Snippet?
                let status: Status?
            }
            let items: [Broadcast]
        }
        guard case .oauth = credentials else { throw .refused("finding your own broadcast needs a signed-in channel (ishowtts youtube login)") }
        // `broadcastStatus=active` is one of the filters that select the signed-in channel's own broadcasts (as `mine`
        // does), and only the live ones: no paging through every past broadcast.
        let answer = try await get(
            "liveBroadcasts",
            [("part", "snippet,status"), ("broadcastStatus", "active"), ("broadcastType", "all"), ("maxResults", "50")],
            as: Answer.self
        )
        let live = answer.items.first { $0.status?.lifeCycleStatus == "live" && $0.snippet?.liveChatId != nil }
        guard let live, let chatID = live.snippet?.liveChatId else { return nil }
        return (live.id, chatID)
    }

    /// The signed-in channel's title (`channels.list` with `mine`), to show who is signed in.
    func ownChannelTitle() async throws(YouTubeError) -> String? {
        struct Answer: Decodable {
            struct Channel: Decodable {
                struct Snippet: Decodable { let title: String? }
                let snippet: Snippet?
            }
            let items: [Channel]
        }
        return try await get("channels", [("part", "snippet"), ("mine", "true")], as: Answer.self).items.first?.snippet?.title
    }

    func page(chatID: String, after pageToken: String?) async throws(YouTubeError) -> LiveChatPage {
        var query = [("liveChatId", chatID), ("part", "snippet,authorDetails"), ("maxResults", "2000")]
        if let pageToken { query.append(("pageToken", pageToken)) }
        return try await get("liveChat/messages", query, as: LiveChatPage.self)
    }

    private func get<T: Decodable>(_ path: String, _ query: [(String, String)], as type: T.Type) async throws(YouTubeError) -> T {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        var items = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        if case .apiKey(let key) = credentials { items.append(URLQueryItem(name: "key", value: key)) }
        components?.queryItems = items
        guard let url = components?.url else { throw .refused("invalid YouTube API address \(baseURL)") }
        do {
            switch credentials {
            case .apiKey:
                return try await http.get(url).decode(T.self)
            case .oauth(let session):
                let token = try await session.accessToken()
                let reply = try await http.get(url, headers: [("Authorization", "Bearer \(token)")])
                guard reply.status == 401 else { return try reply.decode(T.self) }
                let renewed = try await session.renewAfterRejection(of: token)
                return try await http.get(url, headers: [("Authorization", "Bearer \(renewed)")]).decode(T.self)
            }
        } catch let error as PlatformHTTPError {
            throw YouTubeError(error)
        } catch let error as OAuthError {
            switch error {
            case .request(let detail): throw .transient(detail)
            default: throw .refused(error.description)
            }
        } catch {
            throw .transient(String(describing: error))
        }
    }
}
