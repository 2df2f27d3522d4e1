import Foundation
public import Logging
public import ServiceLifecycle
import SpeechCore

/// Reads YouTube live chats through the Data API and hands every new message and moderation action to a sink.
///
/// Runs as a service. Each stream has its own reader: it finds the stream's live chat, skips the history the first
/// page brings, then polls page after page at YouTube's pace, or slower when the day's quota would not last the
/// planned stream otherwise. A lost connection retries with backoff from the same page, so nothing is read twice or
/// missed; a spent quota waits for midnight Pacific Time; an ended chat or a refused key stops that reader in a
/// state `GET /api/sources` shows.
public actor YouTubeChatClient: Service {
    private let configuration: YouTubeChatConfiguration
    private let credentials: YouTubeCredentials?
    private let api: YouTubeDataAPI?
    private let pages: (any LiveChatPageReader)?
    private let sink: any ChatEventSink
    private let logger: Logger
    private var quota: YouTubeQuota
    private var wanted: [YouTubeStream] = []
    private var readers: [YouTubeStream: (id: UUID, task: Task<Void, Never>)] = [:]
    private var statuses: [YouTubeStream: YouTubeStreamStatus] = [:]
    private var running = false
    private var plannedEnd = Date()

    /// Creates a client; nothing is read until ``run()``. Without `credentials` it reads nothing and says why.
    public init(
        configuration: YouTubeChatConfiguration,
        credentials: YouTubeCredentials?,
        http: PlatformHTTPClient = PlatformHTTPClient(),
        sink: any ChatEventSink,
        logger: Logger
    ) {
        self.configuration = configuration
        self.credentials = credentials
        let api = credentials.map { YouTubeDataAPI(baseURL: configuration.apiBaseURL, credentials: $0, http: http) }
        self.api = api
        self.pages = api
        self.sink = sink
        self.logger = logger
        quota = YouTubeQuota(dailyUnits: configuration.dailyQuotaUnits)
        wanted = configuration.streams
    }

    /// The streams being read, sorted, with their states.
    public var streams: [YouTubeStreamStatus] {
        wanted.sorted().map { statuses[$0] ?? YouTubeStreamStatus(stream: $0.name, state: .connecting) }
    }

    /// What is left of today's quota.
    public var quotaStatus: YouTubeQuotaStatus {
        let now = Date()
        let remaining = quota.remaining(at: now)
        return YouTubeQuotaStatus(
            daily: quota.dailyUnits,
            used: quota.dailyUnits - remaining,
            remaining: remaining,
            resetsAt: quota.nextReset(after: now)
        )
    }

    /// The signed-in channel's title, for showing who is signed in; `nil` with an API key.
    public func channelTitle() async throws -> String? {
        guard let api, case .oauth = credentials else { return nil }
        return try await api.ownChannelTitle()
    }

    /// Starts reading `stream` (now if running, else at ``run()``); throws when there is no way to call the API.
    public func start(_ stream: YouTubeStream) throws(YouTubeChatError) {
        guard credentials != nil else { throw .notConfigured }
        if case .ownBroadcast = stream, case .apiKey = credentials { throw .needsSignIn }
        // Starting a stream again after it ended or was refused (a new key, a new sign-in) reads it afresh.
        if !wanted.contains(stream) { wanted.append(stream) }
        if running { launch(stream) }
    }

    /// Stops reading `stream`; `false` when it was not being read.
    @discardableResult
    public func stop(_ stream: YouTubeStream) -> Bool {
        guard let index = wanted.firstIndex(of: stream) else { return false }
        wanted.remove(at: index)
        readers.removeValue(forKey: stream)?.task.cancel()
        report(stream, .stopped, detail: nil)
        statuses[stream] = nil
        return true
    }

    /// Reads the streams until a graceful shutdown or cancellation.
    public func run() async throws {
        running = true
        plannedEnd = Date().addingTimeInterval(configuration.plannedStreamLength.seconds)
        if credentials == nil, !wanted.isEmpty {
            logger.error("YouTube streams are configured but neither [youtube] api_key nor a sign-in is set; not reading them")
            for stream in wanted { report(stream, .authFailed, detail: YouTubeChatError.notConfigured.description) }
        } else {
            for stream in wanted { launch(stream) }
        }
        try? await gracefulShutdown()
        running = false
        let tasks = readers.values.map(\.task)
        readers.removeAll()
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    private func launch(_ stream: YouTubeStream) {
        guard readers[stream] == nil else { return }
        let id = UUID()
        readers[stream] = (id, Task { await self.read(stream, reader: id) })
    }

    private func readerEnded(_ stream: YouTubeStream, reader: UUID) {
        if readers[stream]?.id == reader { readers[stream] = nil }
    }

    // MARK: Reading one stream

    private func read(_ stream: YouTubeStream, reader: UUID) async {
        defer { readerEnded(stream, reader: reader) }
        guard let api, let pages else { return }
        var backoff = Backoff(initial: configuration.initialBackoff, maximum: configuration.maxBackoff)
        var chat: (videoID: String, chatID: String)?
        var pageToken: String?
        report(stream, .connecting, detail: nil)
        while !Task.isCancelled {
            do throws(YouTubeError) {
                guard let resolved = try await resolve(stream, api: api, known: chat) else {
                    let wait = backoff.next()
                    let what = stream == .ownBroadcast ? "the signed-in channel" : "video \(stream.name)"
                    report(stream, .reconnecting, detail: "\(what) is not live yet; checking again in \(Int(wait.seconds)) s")
                    try? await Task.sleep(for: wait)
                    continue
                }
                chat = resolved
                let (videoID, chatID) = resolved
                quota.spend(.liveChatMessagesList)
                let page = try await pages.page(chatID: chatID, after: pageToken)
                // The first page is the chat's recent history: spoken, it would replay what was said before we came.
                let isHistory = pageToken == nil
                var ended = page.offlineAt != nil
                for item in page.items {
                    if item.snippet.type == "chatEndedEvent" { ended = true }
                    guard !isHistory, let event = YouTubeChatMapping.event(for: item, videoID: videoID) else { continue }
                    sink.receive(event)
                }
                pageToken = page.nextPageToken ?? pageToken
                backoff.reset()
                if ended {
                    report(stream, .ended, detail: "the live chat of \(videoID) ended")
                    return
                }
                let asked = Duration.milliseconds(max(page.pollingIntervalMillis ?? 5_000, 0))
                guard let wait = quota.pollInterval(minimum: asked, readers: readers.count, plannedEnd: plannedEnd) else {
                    throw .quotaExhausted("today's \(quota.dailyUnits) units are spent")
                }
                report(stream, .connected, detail: nil, videoID: videoID, pollInterval: wait)
                try? await Task.sleep(for: wait)
            } catch {
                guard await handle(error, of: stream, backoff: &backoff) else { return }
            }
        }
    }

    /// The stream's video and chat ids: those already found, or looked up now; `nil` while the video is not live.
    private func resolve(
        _ stream: YouTubeStream,
        api: YouTubeDataAPI,
        known: (videoID: String, chatID: String)?
    ) async throws(YouTubeError) -> (videoID: String, chatID: String)? {
        if let known { return known }
        switch stream {
        case .video(let videoID):
            quota.spend(.videosList)
            return try await api.liveChatID(ofVideo: videoID).map { (videoID, $0) }
        case .ownBroadcast:
            quota.spend(.liveBroadcastsList)
            return try await api.ownLiveBroadcast()
        }
    }

    /// Reports `error` and waits as it calls for; `false` when the reader must stop.
    private func handle(_ error: YouTubeError, of stream: YouTubeStream, backoff: inout Backoff) async -> Bool {
        guard !Task.isCancelled else { return false }
        switch error {
        case .quotaExhausted(let detail):
            quota.exhaust()
            let reset = quota.nextReset(after: Date())
            logger.warning("YouTube quota spent; waiting for it to reset", metadata: ["stream": "\(stream)", "resets_at": "\(reset)"])
            report(stream, .quotaExhausted, detail: "\(detail); reading resumes at \(reset.formatted(.iso8601))")
            await sleepPatiently(for: .seconds(max(reset.timeIntervalSinceNow, 1) + Double.random(in: 0...30)))
            return true
        case .chatUnavailable(let detail):
            logger.info("YouTube live chat unavailable", metadata: ["stream": "\(stream)", "detail": "\(detail)"])
            report(stream, .ended, detail: detail)
            return false
        case .refused(let detail):
            report(stream, .authFailed, detail: detail)
            guard case .oauth(let session) = credentials else {
                logger.error("YouTube refused the API key; not retrying", metadata: ["stream": "\(stream)", "detail": "\(detail)"])
                return false
            }
            // Signed in as a channel: a new sign-in (here or with `ishowtts youtube login`) lets it try again.
            logger.error("YouTube refused the sign-in; waiting for a new one", metadata: ["stream": "\(stream)", "detail": "\(detail)"])
            await session.waitForChange(from: try? await session.token()?.accessToken)
            return !Task.isCancelled
        case .transient(let detail):
            let wait = backoff.next()
            logger.warning("YouTube chat read failed; retrying", metadata: ["stream": "\(stream)", "detail": "\(detail)", "wait": "\(wait)"])
            report(stream, .reconnecting, detail: detail)
            try? await Task.sleep(for: wait)
            return true
        }
    }

    private func report(
        _ stream: YouTubeStream,
        _ state: ChatSourceState,
        detail: String?,
        videoID: String? = nil,
        pollInterval: Duration? = nil
    ) {
        let previous = statuses[stream]
        let status = YouTubeStreamStatus(
            stream: stream.name,
            videoID: videoID ?? previous?.videoID,
            state: state,
            detail: detail,
            pollIntervalMilliseconds: pollInterval.map { Int($0.seconds * 1000) }
        )
        if state != .stopped { statuses[stream] = status }
        guard previous?.state != state || previous?.detail != detail else { return }
        if state == .connected { logger.info("reading YouTube live chat", metadata: ["stream": "\(stream)", "video": "\(status.videoID ?? "?")"]) }
        sink.sourceStateChanged(platform: .youtube, channel: stream.name, state: state, detail: detail)
    }
}

/// Why a YouTube stream cannot be read.
public enum YouTubeChatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither an API key nor a signed-in channel.
    case notConfigured
    /// `mine` needs a signed-in channel, not a key.
    case needsSignIn

    public var description: String {
        switch self {
        case .notConfigured: "YouTube is not set up: put an api_key in [youtube], or sign in with `ishowtts youtube login`"
        case .needsSignIn: "reading your own broadcast needs a signed-in channel: `ishowtts youtube login`"
        }
    }
}
