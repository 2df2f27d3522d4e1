/// A `liveChatMessage` resource as the YouTube Data API v3 documents it, for the local YouTube server to send.
public struct YouTubeTestItem: Sendable, Encodable {
    public var kind = "youtube#liveChatMessage"
    public var id: String
    public var snippet: Snippet
    public var authorDetails: Author?

    public struct Snippet: Sendable, Encodable {
        public var type: String
        public var liveChatId = "chat"
        public var publishedAt = "2026-11-30T12:00:00.123456+00:00"
        public var hasDisplayContent = true
        public var displayMessage: String?
        public var textMessageDetails: [String: String]?
        public var superChatDetails: Paid?
        public var superStickerDetails: Paid?
        public var newSponsorDetails: Sponsor?
        public var memberMilestoneChatDetails: Milestone?
        public var membershipGiftingDetails: Gifting?
        public var messageDeletedDetails: [String: String]?
        public var messageRetractedDetails: [String: String]?
        public var userBannedDetails: Banned?
    }

    public struct Paid: Sendable, Encodable {
        public var amountMicros: String
        public var currency: String
        public var amountDisplayString: String
        public var userComment: String?
        public var tier = 2
    }

    public struct Sponsor: Sendable, Encodable {
        public var memberLevelName: String
        public var isUpgrade = false
    }

    public struct Milestone: Sendable, Encodable {
        public var memberLevelName: String
        public var memberMonth: Int
        public var userComment: String?
    }

    public struct Gifting: Sendable, Encodable {
        public var giftMembershipsCount: Int
        public var giftMembershipsLevelName: String
    }

    public struct Banned: Sendable, Encodable {
        public var bannedUserDetails: Author
        public var banType = "permanent"
    }

    /// `authorDetails`.
    public struct Author: Sendable, Encodable {
        public var channelId: String
        public var channelUrl: String
        public var displayName: String
        public var profileImageUrl = "https://yt3.ggpht.com/a.jpg"
        public var isVerified = false
        public var isChatOwner = false
        public var isChatSponsor = false
        public var isChatModerator = false

        /// A viewer with channel id `UC<name>` and handle `@name`.
        public static func viewer(_ name: String, moderator: Bool = false, owner: Bool = false, member: Bool = false) -> Author {
            Author(
                channelId: "UC\(name)",
                channelUrl: "https://www.youtube.com/channel/UC\(name)",
                displayName: "@\(name)",
                isChatOwner: owner,
                isChatSponsor: member,
                isChatModerator: moderator
            )
        }
    }

    /// An ordinary chat line.
    public static func text(_ id: String, by author: Author, _ text: String) -> YouTubeTestItem {
        var snippet = Snippet(type: "textMessageEvent", displayMessage: text)
        snippet.textMessageDetails = ["messageText": text]
        return YouTubeTestItem(id: id, snippet: snippet, authorDetails: author)
    }

    /// A Super Chat of `display` (`micros` in `currency`).
    public static func superChat(_ id: String, by author: Author, display: String, micros: Int, currency: String, comment: String?) -> YouTubeTestItem
    {
        var snippet = Snippet(type: "superChatEvent", displayMessage: "\(display) from \(author.displayName): \(comment ?? "")")
        snippet.superChatDetails = Paid(amountMicros: String(micros), currency: currency, amountDisplayString: display, userComment: comment)
        return YouTubeTestItem(id: id, snippet: snippet, authorDetails: author)
    }

    /// A Super Sticker.
    public static func superSticker(_ id: String, by author: Author, display: String, micros: Int, currency: String) -> YouTubeTestItem {
        var snippet = Snippet(type: "superStickerEvent", displayMessage: "Super Sticker \(display)")
        snippet.superStickerDetails = Paid(amountMicros: String(micros), currency: currency, amountDisplayString: display)
        return YouTubeTestItem(id: id, snippet: snippet, authorDetails: author)
    }

    /// A new member.
    public static func newMember(_ id: String, by author: Author, level: String) -> YouTubeTestItem {
        var snippet = Snippet(type: "newSponsorEvent", displayMessage: "Welcome to \(level)!")
        snippet.newSponsorDetails = Sponsor(memberLevelName: level)
        return YouTubeTestItem(id: id, snippet: snippet, authorDetails: author)
    }

    /// A member's milestone message.
    public static func milestone(_ id: String, by author: Author, level: String, months: Int, comment: String?) -> YouTubeTestItem {
        var snippet = Snippet(type: "memberMilestoneChatEvent", displayMessage: comment)
        snippet.memberMilestoneChatDetails = Milestone(memberLevelName: level, memberMonth: months, userComment: comment)
        return YouTubeTestItem(id: id, snippet: snippet, authorDetails: author)
    }

    /// Memberships gifted.
    public static func gifting(_ id: String, by author: Author, count: Int, level: String) -> YouTubeTestItem {
        var snippet = Snippet(type: "membershipGiftingEvent", displayMessage: "gifted \(count) memberships")
        snippet.membershipGiftingDetails = Gifting(giftMembershipsCount: count, giftMembershipsLevelName: level)
        return YouTubeTestItem(id: id, snippet: snippet, authorDetails: author)
    }

    /// A moderator deleted message `target`.
    public static func deleted(_ id: String, target: String, by moderator: Author) -> YouTubeTestItem {
        var snippet = Snippet(type: "messageDeletedEvent", hasDisplayContent: false)
        snippet.messageDeletedDetails = ["deletedMessageId": target]
        return YouTubeTestItem(id: id, snippet: snippet, authorDetails: moderator)
    }

    /// The author retracted message `target`.
    public static func retracted(_ id: String, target: String, by author: Author) -> YouTubeTestItem {
        var snippet = Snippet(type: "messageRetractedEvent", hasDisplayContent: false)
        snippet.messageRetractedDetails = ["retractedMessageId": target]
        return YouTubeTestItem(id: id, snippet: snippet, authorDetails: author)
    }

    /// A moderator banned `user`.
    public static func banned(_ id: String, user: Author, by moderator: Author) -> YouTubeTestItem {
        var snippet = Snippet(type: "userBannedEvent", hasDisplayContent: false)
        snippet.userBannedDetails = Banned(bannedUserDetails: user)
        return YouTubeTestItem(id: id, snippet: snippet, authorDetails: moderator)
    }

    /// The chat ended.
    public static func chatEnded(_ id: String) -> YouTubeTestItem {
        YouTubeTestItem(id: id, snippet: Snippet(type: "chatEndedEvent", hasDisplayContent: false), authorDetails: nil)
    }
}
