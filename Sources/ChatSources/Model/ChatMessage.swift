public import Foundation

/// Where a chat message came from.
public enum ChatPlatform: String, Sendable, Codable, CaseIterable {
    /// Twitch chat (IRC or EventSub).
    case twitch
    /// YouTube live chat.
    case youtube
    /// Sent through the HTTP API (`POST /api/danmaku/enqueue`).
    case api
}

/// What a chatter is in the channel; decides who may speak and which queue lane a message takes.
public struct ChatRoles: OptionSet, Sendable, Codable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The channel's owner.
    public static let broadcaster = ChatRoles(rawValue: 1 << 0)
    /// A channel moderator.
    public static let moderator = ChatRoles(rawValue: 1 << 1)
    /// A VIP of the channel.
    public static let vip = ChatRoles(rawValue: 1 << 2)
    /// A paying subscriber.
    public static let subscriber = ChatRoles(rawValue: 1 << 3)

    /// Broadcaster or moderator: may control the speech queue from chat.
    public var canModerate: Bool { !isDisjoint(with: [.broadcaster, .moderator]) }
}

/// A platform event that is not an ordinary chat line but may be read aloud (a sub, a raid, a Super Chat…).
public enum ChatNoticeKind: String, Sendable, Codable, CaseIterable {
    case subscription = "sub"
    case resubscription = "resub"
    case giftedSubscription = "subgift"
    case raid
    case announcement
    /// A YouTube Super Chat: a paid message (its amount in `noticeDetails["amount"]`).
    case superChat = "superchat"
    /// A YouTube Super Sticker: a paid sticker.
    case superSticker = "supersticker"
    /// A new YouTube channel member.
    case membership = "member"
    /// A YouTube member's milestone message (`noticeDetails["months"]`).
    case membershipMilestone = "member_milestone"
    /// YouTube memberships gifted to others (`noticeDetails["count"]`).
    case membershipGift = "member_gift"
    /// A Twitch channel-points reward redeemed without text (`noticeDetails["reward"]`: its title); spoken only with
    /// a template for it. One with text arrives as a chat message carrying the reward's id.
    case redemption

    /// Someone paid for it: it waits in the paid lane, ahead of everything else.
    public var isPaid: Bool {
        switch self {
        case .subscription, .resubscription, .giftedSubscription, .superChat, .superSticker, .membership, .membershipMilestone,
            .membershipGift:
            true
        case .raid, .announcement, .redemption:
            false
        }
    }
}

/// One chat message from any platform, normalized.
public struct ChatMessage: Sendable, Codable, Equatable {
    /// The platform it came from.
    public var platform: ChatPlatform
    /// Channel name without `#` (Twitch login, YouTube video id).
    public var channel: String
    /// The platform's message id; moderation events refer to it.
    public var id: String
    /// The platform's stable user id (Twitch `user-id`); the login when the platform gives none.
    public var userID: String
    /// The login name (lowercase on Twitch).
    public var userLogin: String
    /// The name as the user styles it.
    public var displayName: String
    /// Name colour as `#RRGGBB`, when the user chose one.
    public var color: String?
    /// The user's roles in the channel.
    public var roles: ChatRoles
    /// Bits cheered with this message (Twitch), 0 when none.
    public var bits: Int
    /// The text as written.
    public var text: String
    /// A `/me` action.
    public var isAction: Bool
    /// Emote positions in `text`, as ranges of Unicode scalar offsets (Twitch's `emotes` tag counts code points).
    public var emoteRanges: [ClosedRange<Int>]
    /// The message this one replies to.
    public var replyParentID: String?
    /// The user's first message in the channel.
    public var isFirstMessage: Bool
    /// The channel-point reward redeemed with this message (`custom-reward-id`).
    public var rewardID: String?
    /// Set when this is a platform notice (sub, raid…) rather than a chat line.
    public var notice: ChatNoticeKind?
    /// Extra numbers a notice carries (`months` of a resub, `viewers` of a raid), by name.
    public var noticeDetails: [String: String]
    /// When the platform stamped it.
    public var timestamp: Date

    /// Creates a message; optional facts default to "none".
    public init(
        platform: ChatPlatform,
        channel: String,
        id: String,
        userID: String,
        userLogin: String,
        displayName: String? = nil,
        color: String? = nil,
        roles: ChatRoles = [],
        bits: Int = 0,
        text: String,
        isAction: Bool = false,
        emoteRanges: [ClosedRange<Int>] = [],
        replyParentID: String? = nil,
        isFirstMessage: Bool = false,
        rewardID: String? = nil,
        notice: ChatNoticeKind? = nil,
        noticeDetails: [String: String] = [:],
        timestamp: Date = Date()
    ) {
        self.platform = platform
        self.channel = channel
        self.id = id
        self.userID = userID
        self.userLogin = userLogin
        self.displayName = displayName ?? userLogin
        self.color = color
        self.roles = roles
        self.bits = bits
        self.text = text
        self.isAction = isAction
        self.emoteRanges = emoteRanges
        self.replyParentID = replyParentID
        self.isFirstMessage = isFirstMessage
        self.rewardID = rewardID
        self.notice = notice
        self.noticeDetails = noticeDetails
        self.timestamp = timestamp
    }
}
