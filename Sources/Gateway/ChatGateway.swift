public import ChatSources
public import CoreMetrics
import Foundation
public import Logging
public import Speech
public import Storage
import Synchronization
import TextPrep

/// The chat pipeline's state: filters, the priority speech queue, what is speaking, and the timeline of events.
///
/// Chat sources call ``receive(_:)`` for every line, from their reader, and must never wait: so the state lives
/// behind one lock held for microseconds (no I/O, no awaiting inside), not in an actor a reader would have to await.
/// Disk writes are queued on the store's writer. The ``SpeechDispatcher`` turns the queue into speech.
public final class ChatGateway: ChatEventSink, Sendable {
    /// Every player, panel and log follows this timeline.
    public let events: EventHub
    /// The rules from the configuration file, before any saved in the database.
    public let configuredRules: GatewayRules
    let store: ChatStore
    let logger: Logger
    let renderWake = WakeSignal()
    let playbackWake = WakeSignal()
    let state: Mutex<GatewayState>
    let metrics: GatewayMetrics
    /// The voices messages are routed to by language; until the speech service hands it over, users' voices are
    /// taken as they are.
    private let catalog = Mutex<VoiceCatalog?>(nil)

    /// The database key of rules saved through the API.
    static let savedRulesKey = "gateway.rules"
    /// The database key of the paused state: a paused queue stays paused across restarts.
    static let pausedKey = "queue.paused"
    /// How many recent message ids are remembered to drop repeats.
    static let recentIDLimit = 50_000

    /// Opens the gateway over `store`: rules saved in it override `rules`, and items it holds from an earlier run are
    /// queued again in their order. Messages received, filtered, queued and spoken are counted in `metrics`.
    public init(
        rules: GatewayRules,
        store: ChatStore,
        events: EventHub = EventHub(),
        logger: Logger,
        metrics: (any MetricsFactory)? = nil
    ) throws(StorageError) {
        self.metrics = GatewayMetrics(factory: metrics)
        self.configuredRules = rules
        self.store = store
        self.events = events
        self.logger = logger
        var effective = rules
        var savedFields: Set<String> = []
        if let saved = try store.setting(Self.savedRulesKey) {
            do {
                effective = try rules.merging(Data(saved.utf8))
                savedFields = Set(((try? JSONSerialization.jsonObject(with: Data(saved.utf8))) as? [String: Any])?.keys.map { $0 } ?? [])
            } catch {
                logger.error("ignoring saved gateway settings that are no longer valid", metadata: ["error": "\(error)"])
            }
        }
        var state = GatewayState(rules: effective, savedFields: savedFields)
        state.paused = try store.setting(Self.pausedKey) == "true"
        let decoder = JSONDecoder()
        for stored in try store.queuedItems() {
            guard let item = try? decoder.decode(QueuedSpeech.self, from: stored.payload) else {
                logger.error("dropping an unreadable stored queue item", metadata: ["id": "\(stored.id)"])
                store.removeQueued(ids: [stored.id])
                continue
            }
            state.queue.restore(item)
            _ = state.seen.insert(item.id)
            state.nextSequence = max(state.nextSequence, item.sequence + 1)
        }
        if !state.queue.isEmpty { logger.info("restored pending chat messages", metadata: ["count": "\(state.queue.count)"]) }
        self.state = Mutex(state)
    }

    /// Routes every message accepted from now on to a voice of `catalog` that speaks its language.
    public func useVoices(_ catalog: VoiceCatalog) {
        self.catalog.withLock { $0 = catalog }
    }

    // MARK: Intake (ChatEventSink)

    /// Takes one event from a chat source; never waits.
    public func receive(_ event: ChatEvent) {
        switch event {
        case .message(let message): _ = accept(message)
        case .moderation(let moderation): moderate(moderation)
        }
    }

    public func sourceStateChanged(platform: ChatPlatform, channel: String?, state sourceState: ChatSourceState, detail: String?) {
        state.withLock { state in
            state.sources[SourceKey(platform: platform, channel: channel)] = SourceStatus(state: sourceState, detail: detail)
            events.publish { sequence in
                var event = GatewayEvent(sequence: sequence, kind: .sourceState)
                event.source = .init(platform: platform, channel: channel, state: sourceState)
                event.detail = detail
                return event
            }
        }
    }

    /// Filters and queues `message`; the result says what happened (an event says it too).
    @discardableResult
    public func accept(_ message: ChatMessage, lane requestedLane: SpeechLane? = nil) -> AcceptOutcome {
        let now = ContinuousClock.now
        metrics.messageReceived()
        return state.withLock { state in
            guard state.seen.insert(message.id) else { return reject(message, .duplicateID, in: &state) }
            if let command = ChatCommand(message, rules: state.rules) {
                switch command {
                case .moderator(let action):
                    switch action {
                    case .skip: skipCurrent(reason: nil, in: &state)
                    case .clear: clearAll(in: &state)
                    case .pause: setPaused(true, in: &state)
                    case .resume: setPaused(false, in: &state)
                    }
                    return reject(message, .moderatorCommand, in: &state)
                case .voice(let voice):
                    if state.rules.chatVoices.contains(voice) { state.pickedVoices[message.userLogin.lowercased()] = voice }
                    return reject(message, .voiceCommand, in: &state)
                }
            }
            let lane = requestedLane ?? SpeechLane(for: message)
            if lane == .normal, state.queue.count >= state.rules.priorityOnlyAbove { return reject(message, .backlog, in: &state) }
            let text: String
            switch state.filter.evaluate(message, at: now) {
            case .reject(let reason): return reject(message, reason, in: &state)
            case .accept(let accepted): text = accepted
            }
            let userVoice = UserVoice.choose(
                for: message,
                rules: state.rules,
                picked: state.pickedVoices,
                channelVoice: state.channelVoices["\(message.platform.rawValue):\(message.channel)"]
            )
            let languages = TextLanguages(of: text, latinLanguage: state.rules.latinLanguage)
            let voiceID: String?
            switch routing(rules: state.rules)?.route(languages, preferred: userVoice) ?? .voice(userVoice) {
            case .voice(let id): voiceID = id
            case .unspoken: return reject(message, .noVoiceForLanguage, in: &state)
            }
            let item = QueuedSpeech(
                id: message.id,
                sequence: state.nextSequence,
                lane: lane,
                message: message,
                text: text,
                voiceID: voiceID,
                acceptedAt: Date(),
                language: languages.dominant
            )
            switch state.queue.insert(item) {
            case .refused: return reject(message, .queueFull, in: &state)
            case .insertedDisplacing(let displaced):
                forget([displaced], in: &state)
                publish(.removed, item: displaced, reason: .displaced)
            case .inserted: break
            }
            state.nextSequence += 1
            persist(item)
            publish(.queued, item: item)
            metrics.messageQueued()
            recordHistory(message, text: text, decision: "queued", reason: nil)
            signalChange()
            return .queued(item)
        }
    }

    /// What ``accept(_:lane:)`` did.
    public enum AcceptOutcome: Sendable, Equatable {
        case queued(QueuedSpeech)
        case filtered(FilterReason)
    }

    /// Language routing over the catalog's voices as they are now; `nil` before the speech service is there.
    private func routing(rules: GatewayRules) -> VoiceRouting? {
        guard let catalog = catalog.withLock({ $0 }) else { return nil }
        return VoiceRouting(voices: catalog.voices, defaultVoiceID: catalog.defaultVoiceID, rules: rules)
    }

    private func reject(_ message: ChatMessage, _ reason: FilterReason, in state: inout GatewayState) -> AcceptOutcome {
        events.publish { sequence in
            var event = GatewayEvent(sequence: sequence, kind: .filtered)
            event.item = .init(message)
            event.reason = reason
            return event
        }
        recordHistory(message, text: message.text, decision: "filtered", reason: reason)
        metrics.messageFiltered(reason)
        return .filtered(reason)
    }

    // MARK: Moderation

    private func moderate(_ moderation: ModerationEvent) {
        state.withLock { state in
            let matches: (QueuedSpeech) -> Bool
            switch moderation {
            case .messageDeleted(let platform, _, let messageID):
                matches = { $0.id == messageID && $0.message.platform == platform }
            case .userCleared(let platform, let channel, let userID, let login):
                matches = { item in
                    item.message.platform == platform && item.message.channel == channel
                        && (item.message.userLogin.lowercased() == login || (userID != nil && item.message.userID == userID))
                }
            case .chatCleared(let platform, let channel):
                matches = { $0.message.platform == platform && $0.message.channel == channel }
            }
            let removed = state.queue.removeAll(where: matches)
            forget(removed, in: &state)
            for item in removed { publish(.removed, item: item, reason: .moderated) }
            if let current = state.current, !current.skipped, matches(current.item) { skipCurrent(reason: .moderated, in: &state) }
        }
    }

    // MARK: Shared steps (called with the lock held)

    /// Wakes the dispatcher's render and playback loops to look at the queue again.
    func signalChange() {
        renderWake.signal()
        playbackWake.signal()
    }

    func publish(_ kind: GatewayEvent.Kind, item: QueuedSpeech?, reason: FilterReason? = nil, detail: String? = nil) {
        events.publish { sequence in
            var event = GatewayEvent(sequence: sequence, kind: kind)
            event.item = item.map(GatewayEvent.ItemSummary.init)
            event.reason = reason
            event.detail = detail
            return event
        }
    }

    /// Items that left the queue unspoken: their audio and stored rows go.
    func forget(_ items: [QueuedSpeech], in state: inout GatewayState) {
        guard !items.isEmpty else { return }
        for item in items { state.rendered[item.id] = nil }
        store.removeQueued(ids: items.map(\.id))
        signalChange()
    }

    private func persist(_ item: QueuedSpeech) {
        let logger = logger
        store.insertQueued(id: item.id, sequence: item.sequence, acceptedAt: item.acceptedAt) {
            do {
                return try JSONEncoder().encode(item)
            } catch {
                logger.error("cannot encode a queue item for storage", metadata: ["id": "\(item.id)", "error": "\(error)"])
                return nil
            }
        }
    }

    func recordHistory(_ message: ChatMessage, text: String, decision: String, reason: FilterReason?) {
        store.recordHistory(
            ChatHistoryRecord(
                messageID: message.id,
                platform: message.platform.rawValue,
                channel: message.channel,
                userLogin: message.userLogin,
                text: text,
                decision: decision,
                reason: reason?.rawValue,
                at: Date()
            )
        )
    }
}
