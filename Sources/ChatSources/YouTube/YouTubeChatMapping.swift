import Foundation

/// YouTube's `liveChatMessage` resources as the gateway's events: text and paid messages become ``ChatMessage``s,
/// deletions, retractions and bans become ``ModerationEvent``s; everything else (polls, mode changes) is not chat.
enum YouTubeChatMapping {
    /// The event `item` means in the chat of `videoID`, or `nil` for an item that is neither chat nor moderation.
    static func event(for item: LiveChatItem, videoID: String) -> ChatEvent? {
        let snippet = item.snippet
        switch snippet.type {
        case "messageDeletedEvent":
            guard let details = snippet.messageDeletedDetails else { return nil }
            return .moderation(.messageDeleted(platform: .youtube, channel: videoID, messageID: details.deletedMessageId))
        case "messageRetractedEvent":
            guard let details = snippet.messageRetractedDetails else { return nil }
            return .moderation(.messageDeleted(platform: .youtube, channel: videoID, messageID: details.retractedMessageId))
        case "userBannedEvent":
            guard let banned = snippet.userBannedDetails?.bannedUserDetails else { return nil }
            return .moderation(
                .userCleared(platform: .youtube, channel: videoID, userID: banned.channelId, login: login(of: banned))
            )
        default:
            return message(for: item, videoID: videoID).map(ChatEvent.message)
        }
    }

    private static func message(for item: LiveChatItem, videoID: String) -> ChatMessage? {
        guard let author = item.authorDetails else { return nil }
        let snippet = item.snippet
        var message = ChatMessage(
            platform: .youtube,
            channel: videoID,
            id: item.id,
            userID: author.channelId,
            userLogin: login(of: author),
            displayName: author.displayName,
            roles: roles(of: author),
            text: "",
            timestamp: snippet.publishedAt ?? Date()
        )
        switch snippet.type {
        case "textMessageEvent":
            guard let text = snippet.textMessageDetails?.messageText ?? snippet.displayMessage else { return nil }
            message.text = text
        case "superChatEvent":
            guard let details = snippet.superChatDetails else { return nil }
            message.notice = .superChat
            message.text = details.userComment ?? ""
            message.noticeDetails = paidDetails(display: details.amountDisplayString, micros: details.amountMicros, currency: details.currency)
        case "superStickerEvent":
            guard let details = snippet.superStickerDetails else { return nil }
            message.notice = .superSticker
            message.noticeDetails = paidDetails(display: details.amountDisplayString, micros: details.amountMicros, currency: details.currency)
        case "newSponsorEvent":
            message.notice = .membership
            message.noticeDetails["level"] = snippet.newSponsorDetails?.memberLevelName
        case "memberMilestoneChatEvent":
            guard let details = snippet.memberMilestoneChatDetails else { return nil }
            message.notice = .membershipMilestone
            message.text = details.userComment ?? ""
            message.noticeDetails["months"] = details.memberMonth.map(String.init)
            message.noticeDetails["level"] = details.memberLevelName
        case "membershipGiftingEvent":
            guard let details = snippet.membershipGiftingDetails else { return nil }
            message.notice = .membershipGift
            message.noticeDetails["count"] = details.giftMembershipsCount.map(String.init)
            message.noticeDetails["level"] = details.giftMembershipsLevelName
        default:
            return nil
        }
        message.emoteRanges = emojiShortcodeRanges(in: message.text)
        return message
    }

    /// YouTube shows channel handles (`@name`) as display names and has no login: the handle, lowercased, is the
    /// closest thing, and what a streamer types to ignore someone.
    private static func login(of author: LiveChatItem.Author) -> String {
        if let name = author.displayName, !name.isEmpty { name.lowercased() } else { author.channelId.lowercased() }
    }

    private static func roles(of author: LiveChatItem.Author) -> ChatRoles {
        var roles: ChatRoles = []
        if author.isChatOwner == true { roles.insert(.broadcaster) }
        if author.isChatModerator == true { roles.insert(.moderator) }
        if author.isChatSponsor == true { roles.insert(.subscriber) }
        return roles
    }

    /// `amount` is what a person reads ("$5.00"); the raw figures go along for rules that compare amounts.
    private static func paidDetails(display: String?, micros: String?, currency: String?) -> [String: String] {
        var details: [String: String] = [:]
        details["amount"] = display ?? currency.flatMap { currency in micros.flatMap(Double.init).map { "\($0 / 1e6) \(currency)" } }
        details["amount_micros"] = micros
        details["currency"] = currency
        return details
    }

    /// Custom and member emoji arrive in the text as shortcodes (`:face-blue-smiling:`, `:_ChannelEmoji:`): their
    /// positions, in Unicode scalars, so the gateway treats them as emotes and does not read them out.
    static func emojiShortcodeRanges(in text: String) -> [ClosedRange<Int>] {
        let scalars = Array(text.unicodeScalars)
        var ranges: [ClosedRange<Int>] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index] == ":", index + 2 < scalars.count, isShortcodeStart(scalars[index + 1]) else {
                index += 1
                continue
            }
            var end = index + 2
            while end < scalars.count, isShortcodeBody(scalars[end]) { end += 1 }
            if end < scalars.count, scalars[end] == ":" {
                ranges.append(index...end)
                index = end + 1
            } else {
                index += 1
            }
        }
        return ranges
    }

    private static func isShortcodeStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || (scalar.isASCII && scalar.properties.isAlphabetic)
    }

    private static func isShortcodeBody(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
    }
}
