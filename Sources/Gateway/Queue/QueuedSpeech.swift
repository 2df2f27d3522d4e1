public import ChatSources
public import Foundation

/// The speech queue's lanes, highest first: paid > moderator/broadcaster > everyone else.
public enum SpeechLane: Int, Sendable, Codable, Comparable, CaseIterable {
    case normal = 0
    case moderator = 1
    case paid = 2

    /// The lane a message takes: bits, subscriptions and Super Chats pay, moderators and the broadcaster come next.
    public init(for message: ChatMessage) {
        if message.bits > 0 || message.notice?.isPaid == true {
            self = .paid
        } else if message.roles.canModerate {
            self = .moderator
        } else {
            self = .normal
        }
    }

    /// `paid`, `moderator`, `normal`.
    public var name: String {
        switch self {
        case .normal: "normal"
        case .moderator: "moderator"
        case .paid: "paid"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An accepted message waiting in (or leaving) the speech queue.
public struct QueuedSpeech: Sendable, Codable, Equatable, Identifiable {
    /// Unique item id (the platform's message id).
    public var id: String
    /// Global acceptance order; FIFO within a lane follows it, also across restarts.
    public var sequence: Int64
    /// The lane it waits in.
    public var lane: SpeechLane
    /// The message as it arrived.
    public var message: ChatMessage
    /// The cleaned text to speak (before the template).
    public var text: String
    /// The voice to speak with; `nil` is the server's default voice.
    public var voiceID: String?
    /// When it was accepted.
    public var acceptedAt: Date
    /// The language the text is mostly in (a primary subtag), `nil` when it has no letters; picks the template.
    public var language: String? = nil
}
