public import ChatSources
public import Foundation

/// One entry of the gateway's timeline, as players, the panel and `GET /api/events` see it.
public struct GatewayEvent: Sendable, Encodable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable, Encodable {
        case queued, filtered, rendered, speaking, finished, skipped, removed, cleared, paused, resumed, failed
        case sourceState = "source_state"
        case settingsChanged = "settings_changed"
    }

    /// Position in the timeline; strictly increasing, never reused while the server runs.
    public let sequence: UInt64
    /// What happened.
    public let kind: Kind
    /// When.
    public let time: Date
    /// The item it concerns.
    public var item: ItemSummary?
    /// Why it was filtered, removed or failed.
    public var reason: FilterReason?
    /// More words about it (an error, a source's state detail).
    public var detail: String?
    /// `speaking`: where its audio is, how long it is, what is said.
    public var audioURL: String?
    public var durationSeconds: Double?
    public var caption: String?
    /// `speaking`: how long its synthesis took, in milliseconds.
    public var renderMilliseconds: Int?
    /// `source_state`: which source and its new state.
    public var source: SourceSummary?
    /// `speaking`: the WAV itself, for the players that receive audio inline; never JSON-encoded.
    public var audio: Data?

    /// The item fields events carry.
    public struct ItemSummary: Sendable, Encodable, Equatable {
        public var id: String
        public var platform: ChatPlatform
        public var channel: String
        public var user: String
        public var displayName: String
        public var color: String?
        public var text: String
        public var lane: String
        public var voice: String?

        enum CodingKeys: String, CodingKey {
            case id, platform, channel, user, text, lane, voice, color
            case displayName = "display_name"
        }
    }

    /// A chat source and its state.
    public struct SourceSummary: Sendable, Encodable, Equatable {
        public var platform: ChatPlatform
        public var channel: String?
        public var state: ChatSourceState
    }

    init(sequence: UInt64, kind: Kind, time: Date = Date()) {
        self.sequence = sequence
        self.kind = kind
        self.time = time
    }

    enum CodingKeys: String, CodingKey {
        case sequence = "seq"
        case kind = "type"
        case time, item, reason, detail, caption, source
        case audioURL = "audio_url"
        case durationSeconds = "duration"
        case renderMilliseconds = "render_ms"
    }
}

extension GatewayEvent.ItemSummary {
    init(_ item: QueuedSpeech) {
        self.init(
            id: item.id,
            platform: item.message.platform,
            channel: item.message.channel,
            user: item.message.userLogin,
            displayName: item.message.displayName,
            color: item.message.color,
            text: item.text,
            lane: item.lane.name,
            voice: item.voiceID
        )
    }

    init(_ message: ChatMessage, text: String? = nil) {
        self.init(
            id: message.id,
            platform: message.platform,
            channel: message.channel,
            user: message.userLogin,
            displayName: message.displayName,
            color: message.color,
            text: text ?? message.text,
            lane: SpeechLane(for: message).name,
            voice: nil
        )
    }
}
