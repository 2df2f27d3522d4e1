import Foundation

/// The local YouTube server's state: videos and their chats, the items each chat has received, the credentials it
/// accepts, failures to answer with, and every request seen. Page tokens are item counts (`p3`: from the fourth item),
/// as a real token marks a position.
public actor YouTubeTestBackend {
    /// One request the server answered.
    public struct Request: Sendable {
        public let path: String
        public let query: [String: String]
        public let authorization: String?
        public let at: ContinuousClock.Instant
    }

    /// The API key accepted as `key=`.
    public var apiKey = "test-key"
    /// Bearer tokens accepted.
    public private(set) var accessTokens: Set<String> = []
    /// What `pollingIntervalMillis` says.
    public var pollingIntervalMillis = 50
    /// The signed-in channel's title (`channels.list` with `mine`).
    public var channelTitle = "Dallas Plays"
    /// The signed-in channel's live broadcast: video id and chat id.
    public var ownBroadcast: (videoID: String, chatID: String)?
    /// Every request, oldest first.
    public private(set) var requests: [Request] = []

    private var videos: [String: String?] = [:]
    private var endedVideos: Set<String> = []
    private var chats: [String: [YouTubeTestItem]] = [:]
    private var offline: Set<String> = []
    private var failures: [(status: Int, reason: String)] = []
    private var requestWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    // Device flow.
    private var approved = false
    private var codeUsed = false
    private var refreshTokens: [String: String] = [:]
    private var issued = 0

    public init() {}

    /// Adds a video whose live chat is `chatID` (`nil`: not live yet, or with `ended` a stream that is over).
    public func addVideo(_ videoID: String, chatID: String?, ended: Bool = false) {
        videos[videoID] = .some(chatID)
        if ended { endedVideos.insert(videoID) } else { endedVideos.remove(videoID) }
        if let chatID, chats[chatID] == nil { chats[chatID] = [] }
    }

    /// Appends `items` to `chatID`'s chat.
    public func post(_ items: [YouTubeTestItem], to chatID: String) {
        chats[chatID, default: []].append(contentsOf: items)
    }

    /// Ends `chatID`: its next page says `offlineAt`.
    public func endChat(_ chatID: String) { offline.insert(chatID) }

    /// Sets what `pollingIntervalMillis` says.
    public func setPollingInterval(_ milliseconds: Int) { pollingIntervalMillis = milliseconds }

    /// Makes `videoID` (chat `chatID`) the signed-in channel's live broadcast.
    public func setOwnBroadcast(videoID: String, chatID: String) { ownBroadcast = (videoID, chatID) }

    /// The next `liveChat/messages` calls fail with these statuses and Google reasons, in order.
    public func failNextPages(_ failures: [(status: Int, reason: String)]) { self.failures.append(contentsOf: failures) }

    /// Accepts `token` as a bearer token.
    public func acceptToken(_ token: String) { accessTokens.insert(token) }

    /// Stops accepting `token` (it "expired").
    public func expireToken(_ token: String) { accessTokens.remove(token) }

    /// The streamer entered the device code (a new one for each sign-in).
    public func approveDeviceCode() {
        approved = true
        codeUsed = false
    }

    /// Requests to `path` (e.g. `/youtube/v3/liveChat/messages`).
    public func requests(to path: String) -> [Request] { requests.filter { $0.path == path } }

    /// Waits until `count` requests to `liveChat/messages` have been answered.
    public func waitForPageRequests(_ count: Int) async {
        guard requests(to: Self.messagesPath).count < count else { return }
        await withCheckedContinuation { requestWaiters.append((count, $0)) }
    }

    static let messagesPath = "/youtube/v3/liveChat/messages"

    // MARK: Answers (the routes call these)

    func record(path: String, query: [String: String], authorization: String?) {
        requests.append(Request(path: path, query: query, authorization: authorization, at: .now))
        let answered = requests(to: Self.messagesPath).count
        let ready = requestWaiters.filter { $0.count <= answered }
        requestWaiters.removeAll { $0.count <= answered }
        for waiter in ready { waiter.continuation.resume() }
    }

    /// `nil` when the credentials are good, else the error to answer with.
    func refusal(query: [String: String], authorization: String?) -> (status: Int, reason: String)? {
        if let key = query["key"] { return key == apiKey ? nil : (400, "keyInvalid") }
        guard let authorization, authorization.hasPrefix("Bearer ") else { return (401, "authError") }
        return accessTokens.contains(String(authorization.dropFirst(7))) ? nil : (401, "authError")
    }

    func videoAnswer(id: String) -> [String: any Sendable] {
        guard let chat = videos[id] else { return ["kind": "youtube#videoListResponse", "items": [[String: any Sendable]]()] }
        var details: [String: any Sendable] = ["actualStartTime": "2026-11-30T11:00:00Z"]
        if let chat { details["activeLiveChatId"] = chat }
        if endedVideos.contains(id) { details["actualEndTime"] = "2026-11-30T12:30:00Z" }
        let video: [String: any Sendable] = ["kind": "youtube#video", "id": id, "liveStreamingDetails": details]
        return ["kind": "youtube#videoListResponse", "items": [video]]
    }

    /// The channel's broadcasts; `active` (as the API filters) leaves the finished one out.
    func broadcastsAnswer(status: String?) -> [String: any Sendable] {
        guard let ownBroadcast else { return ["kind": "youtube#liveBroadcastListResponse", "items": [[String: any Sendable]]()] }
        let broadcast: [String: any Sendable] = [
            "id": ownBroadcast.videoID, "snippet": ["liveChatId": ownBroadcast.chatID, "title": "Live"] as [String: any Sendable],
            "status": ["lifeCycleStatus": "live"],
        ]
        let finished: [String: any Sendable] = ["id": "oldBroadcast", "snippet": ["title": "Yesterday"], "status": ["lifeCycleStatus": "complete"]]
        return ["kind": "youtube#liveBroadcastListResponse", "items": status == "active" ? [broadcast] : [finished, broadcast]]
    }

    func channelsAnswer() -> [String: any Sendable] {
        let channel: [String: any Sendable] = ["id": "UCdallas", "snippet": ["title": channelTitle]]
        return ["kind": "youtube#channelListResponse", "items": [channel]]
    }

    /// The page after `pageToken`, or a scripted failure.
    func pageAnswer(chatID: String, pageToken: String?) -> Result<Data, GoogleError> {
        if !failures.isEmpty {
            let failure = failures.removeFirst()
            return .failure(GoogleError(status: failure.status, reason: failure.reason))
        }
        guard let items = chats[chatID] else { return .failure(GoogleError(status: 404, reason: "liveChatNotFound")) }
        let start = pageToken.flatMap { Int($0.dropFirst()) } ?? 0
        struct Page: Encodable {
            let kind = "youtube#liveChatMessageListResponse"
            let nextPageToken: String
            let pollingIntervalMillis: Int
            let offlineAt: String?
            let items: [YouTubeTestItem]
        }
        let page = Page(
            nextPageToken: "p\(items.count)",
            pollingIntervalMillis: pollingIntervalMillis,
            offlineAt: offline.contains(chatID) ? "2026-11-30T13:00:00Z" : nil,
            items: Array(items[min(start, items.count)...])
        )
        return Result { try JSONEncoder().encode(page) }.mapError { _ in GoogleError(status: 500, reason: "backendError") }
    }

    // MARK: Device flow

    public static let deviceCode = "device-code-1"
    public static let userCode = "WXYZ-1234"

    func tokenAnswer(form: [String: String]) -> Result<[String: any Sendable], GoogleError> {
        switch form["grant_type"] {
        case "urn:ietf:params:oauth:grant-type:device_code":
            // A code works once: polling again after it was traded is refused, as Google does.
            guard form["device_code"] == Self.deviceCode, !codeUsed else {
                return .failure(GoogleError(status: 400, reason: "invalid_grant", oauth: true))
            }
            guard approved else { return .failure(GoogleError(status: 428, reason: "authorization_pending", oauth: true)) }
            codeUsed = true
            return .success(issueToken(includeRefresh: true))
        case "refresh_token":
            guard let refresh = form["refresh_token"], refreshTokens[refresh] != nil else {
                return .failure(GoogleError(status: 400, reason: "invalid_grant", oauth: true))
            }
            return .success(issueToken(includeRefresh: false))
        default:
            return .failure(GoogleError(status: 400, reason: "unsupported_grant_type", oauth: true))
        }
    }

    private func issueToken(includeRefresh: Bool) -> [String: any Sendable] {
        issued += 1
        let access = "access-\(issued)"
        accessTokens.insert(access)
        var answer: [String: any Sendable] = [
            "access_token": access, "expires_in": 3599, "scope": "https://www.googleapis.com/auth/youtube.readonly", "token_type": "Bearer",
        ]
        if includeRefresh {
            let refresh = "refresh-\(issued)"
            refreshTokens[refresh] = access
            answer["refresh_token"] = refresh
        }
        return answer
    }
}

/// An error answer in Google's shape: `{"error": {"code", "message", "errors": [{"reason"}]}}`, or OAuth's
/// `{"error": "…"}` for the token endpoint.
struct GoogleError: Error, Sendable {
    let status: Int
    let reason: String
    var oauth = false

    var body: [String: any Sendable] {
        if oauth { return ["error": reason, "error_description": reason] }
        let item: [String: any Sendable] = ["reason": reason, "domain": "youtube.liveChat"]
        let error: [String: any Sendable] = ["code": status, "message": "The request failed: \(reason)", "errors": [item]]
        return ["error": error]
    }
}
