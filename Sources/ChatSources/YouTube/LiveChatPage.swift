import Foundation

/// One answer of `liveChatMessages.list`: new items, where to continue, and how long YouTube asks to wait.
struct LiveChatPage: Sendable, Decodable {
    /// The messages and events since the last page, oldest first; an item this reader cannot read is left out rather
    /// than failing the page (a page that never decodes would stall the chat on its token for good).
    let items: [LiveChatItem]
    /// The token for the next page.
    let nextPageToken: String?
    /// How long YouTube asks the reader to wait before the next call.
    let pollingIntervalMillis: Int?
    /// Set once the chat has gone offline.
    let offlineAt: Date?

    private enum CodingKeys: String, CodingKey { case items, nextPageToken, pollingIntervalMillis, offlineAt }

    /// An item, or nothing when it does not decode.
    private struct Lenient: Decodable {
        let item: LiveChatItem?
        init(from decoder: any Decoder) throws { item = try? LiveChatItem(from: decoder) }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decodeIfPresent([Lenient].self, forKey: .items)?.compactMap(\.item) ?? []
        nextPageToken = try container.decodeIfPresent(String.self, forKey: .nextPageToken)
        pollingIntervalMillis = try container.decodeIfPresent(Int.self, forKey: .pollingIntervalMillis)
        offlineAt = try container.decodeIfPresent(Date.self, forKey: .offlineAt)
    }
}

/// A `liveChatMessage` resource: a message, a paid or membership event, or a moderation action.
struct LiveChatItem: Sendable, Decodable {
    /// The message id (what deletions refer to).
    let id: String
    /// What happened.
    let snippet: Snippet
    /// Who did it; absent on some moderation events.
    let authorDetails: Author?

    /// `snippet` of a `liveChatMessage`.
    struct Snippet: Sendable, Decodable {
        /// `textMessageEvent`, `superChatEvent`, `messageDeletedEvent`…
        let type: String
        /// When YouTube stamped it.
        let publishedAt: Date?
        /// The text as YouTube shows it.
        let displayMessage: String?
        let textMessageDetails: TextDetails?
        let superChatDetails: SuperChatDetails?
        let superStickerDetails: SuperStickerDetails?
        let newSponsorDetails: NewSponsorDetails?
        let memberMilestoneChatDetails: MilestoneDetails?
        let membershipGiftingDetails: GiftingDetails?
        let messageDeletedDetails: DeletedDetails?
        let messageRetractedDetails: RetractedDetails?
        let userBannedDetails: BannedDetails?
    }

    struct TextDetails: Sendable, Decodable {
        let messageText: String
    }

    struct SuperChatDetails: Sendable, Decodable {
        let amountMicros: String?
        let currency: String?
        let amountDisplayString: String?
        let userComment: String?
    }

    struct SuperStickerDetails: Sendable, Decodable {
        let amountMicros: String?
        let currency: String?
        let amountDisplayString: String?
    }

    struct NewSponsorDetails: Sendable, Decodable {
        let memberLevelName: String?
        let isUpgrade: Bool?
    }

    struct MilestoneDetails: Sendable, Decodable {
        let memberLevelName: String?
        let memberMonth: Int?
        let userComment: String?
    }

    struct GiftingDetails: Sendable, Decodable {
        let giftMembershipsCount: Int?
        let giftMembershipsLevelName: String?
    }

    struct DeletedDetails: Sendable, Decodable {
        let deletedMessageId: String
    }

    struct RetractedDetails: Sendable, Decodable {
        let retractedMessageId: String
    }

    struct BannedDetails: Sendable, Decodable {
        let bannedUserDetails: Author
        let banType: String?
    }

    /// `authorDetails` (and a banned user's details, which carry the first three fields).
    struct Author: Sendable, Decodable {
        let channelId: String
        let displayName: String?
        let channelUrl: String?
        let isChatOwner: Bool?
        let isChatModerator: Bool?
        let isChatSponsor: Bool?
    }
}
