import ChatSources

/// Everything ``ChatGateway`` guards with its lock.
struct GatewayState {
    var rules: GatewayRules
    /// Fields set through the API (saved in the database), for "where does this value come from".
    var savedFields: Set<String>
    var filter: ChatFilter
    var queue: SpeechQueue
    var seen = RecentIDs(limit: ChatGateway.recentIDLimit)
    var nextSequence: Int64 = 1
    var paused = false
    var current: CurrentSpeech?
    /// Who the last spoken line was by (`platform:user id`), to leave the name out when they speak again.
    var lastSpeaker: String?
    /// Audio of queued items rendered ahead, by item id.
    var rendered: [String: RenderedSpeech] = [:]
    /// Voices users picked with `!voice`, by login.
    var pickedVoices: [String: String] = [:]
    /// Voices chosen per channel when it was started (`platform:channel`).
    var channelVoices: [String: String] = [:]
    var sources: [SourceKey: SourceStatus] = [:]

    init(rules: GatewayRules, savedFields: Set<String>) {
        self.rules = rules
        self.savedFields = savedFields
        filter = ChatFilter(rules: rules)
        queue = SpeechQueue(capacity: rules.queueCapacity)
    }
}

/// The item being spoken.
struct CurrentSpeech {
    var item: QueuedSpeech
    var audio: RenderedSpeech
    /// Skipped, removed or cleared while speaking: players stopped it; the dispatcher moves on.
    var skipped = false
}

/// A chat source, as `GET /api/sources` lists it.
struct SourceKey: Hashable {
    var platform: ChatPlatform
    var channel: String?
}

/// A source's last reported state.
struct SourceStatus {
    var state: ChatSourceState
    var detail: String?
}

extension QueuedSpeech {
    /// `platform:user id`: one speaker across channels of a platform.
    var speakerKey: String { "\(message.platform.rawValue):\(message.userID)" }
}

extension SpeechQueue {
    /// Puts back an item from an earlier run, beyond capacity if need be: nothing accepted is ever lost.
    mutating func restore(_ item: QueuedSpeech) {
        let saved = capacity
        capacity = Int.max
        _ = insert(item)
        capacity = saved
    }
}
