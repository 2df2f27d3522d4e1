import Foundation

/// EventSub chat notifications as the gateway's events, field for field what the IRC reader makes of the same chat
/// (`TwitchIRCInput`): the same text, user, roles, bits, emote ranges and moderation effects.
enum EventSubMapping {
    /// The event a notification of `type` carries, or `nil` for one that is neither chat nor moderation.
    static func event(type: String, json: Data) throws -> ChatEvent? {
        let decoder = JSONDecoder.platform
        switch type {
        case "channel.chat.message":
            return .message(message(try decoder.decode(EventSubNotification<EventSubEvent.ChatMessage>.self, from: json).payload.event))
        case "channel.chat.message_delete":
            let event = try decoder.decode(EventSubNotification<EventSubEvent.MessageDelete>.self, from: json).payload.event
            return .moderation(.messageDeleted(platform: .twitch, channel: event.broadcasterUserLogin, messageID: event.messageID))
        case "channel.chat.clear_user_messages":
            let event = try decoder.decode(EventSubNotification<EventSubEvent.ClearUserMessages>.self, from: json).payload.event
            return .moderation(
                .userCleared(platform: .twitch, channel: event.broadcasterUserLogin, userID: event.targetUserID, login: event.targetUserLogin)
            )
        case "channel.chat.clear":
            let event = try decoder.decode(EventSubNotification<EventSubEvent.Clear>.self, from: json).payload.event
            return .moderation(.chatCleared(platform: .twitch, channel: event.broadcasterUserLogin))
        case "channel.chat.notification":
            return notice(try decoder.decode(EventSubNotification<EventSubEvent.Notification>.self, from: json).payload.event).map(ChatEvent.message)
        case "channel.channel_points_custom_reward_redemption.add":
            return redemption(try decoder.decode(EventSubNotification<EventSubEvent.Redemption>.self, from: json).payload.event)
                .map(ChatEvent.message)
        default:
            return nil
        }
    }

    static func message(_ event: EventSubEvent.ChatMessage) -> ChatMessage {
        ChatMessage(
            platform: .twitch,
            channel: event.broadcasterUserLogin,
            id: event.messageID,
            userID: event.chatterUserID,
            userLogin: event.chatterUserLogin,
            displayName: event.chatterUserName.flatMap { $0.isEmpty ? nil : $0 },
            color: event.color.flatMap { $0.isEmpty ? nil : $0 },
            roles: roles(event.badges ?? []),
            bits: max(0, event.cheer?.bits ?? 0),
            text: event.message.text,
            emoteRanges: emoteRanges(event.message.fragments ?? []),
            replyParentID: event.reply?.parentMessageID,
            isFirstMessage: event.messageType == "user_intro",
            rewardID: event.channelPointsCustomRewardID.flatMap { $0.isEmpty ? nil : $0 }
        )
    }

    /// Notice kinds by EventSub's `notice_type`; the details use IRC's `msg-param-` names so templates read both alike.
    static func notice(_ event: EventSubEvent.Notification) -> ChatMessage? {
        let kind: ChatNoticeKind
        var details: [String: String] = [:]
        switch event.noticeType {
        case "sub":
            kind = .subscription
            details["cumulative-months"] = "1"
            details["months"] = event.sub?.durationMonths.map(String.init)
        case "resub":
            kind = .resubscription
            details["cumulative-months"] = event.resub?.cumulativeMonths.map(String.init)
            details["streak-months"] = event.resub?.streakMonths.map(String.init)
        case "sub_gift":
            kind = .giftedSubscription
            details["recipient-display-name"] = event.subGift?.recipientUserName
            details["recipient-user-name"] = event.subGift?.recipientUserLogin
            details["recipient-id"] = event.subGift?.recipientUserID
            details["months"] = event.subGift?.durationMonths.map(String.init)
        case "raid":
            kind = .raid
            details["displayName"] = event.raid?.userName
            details["login"] = event.raid?.userLogin
            details["viewerCount"] = event.raid.map { String($0.viewerCount) }
        case "announcement":
            kind = .announcement
        default:
            return nil
        }
        return ChatMessage(
            platform: .twitch,
            channel: event.broadcasterUserLogin,
            id: event.messageID,
            userID: event.chatterUserID,
            userLogin: event.chatterUserLogin,
            displayName: event.chatterUserName.flatMap { $0.isEmpty ? nil : $0 },
            color: event.color.flatMap { $0.isEmpty ? nil : $0 },
            roles: roles(event.badges ?? []),
            text: event.message?.text ?? "",
            emoteRanges: emoteRanges(event.message?.fragments ?? []),
            notice: kind,
            noticeDetails: details
        )
    }

    /// A redemption with text also arrives as a chat message carrying the reward's id (as over IRC), which is the one
    /// spoken; one without text becomes a `redemption` notice, spoken only with a template for it.
    static func redemption(_ event: EventSubEvent.Redemption) -> ChatMessage? {
        guard event.userInput?.isEmpty ?? true else { return nil }
        return ChatMessage(
            platform: .twitch,
            channel: event.broadcasterUserLogin,
            id: event.id,
            userID: event.userID,
            userLogin: event.userLogin,
            displayName: event.userName.flatMap { $0.isEmpty ? nil : $0 },
            text: "",
            rewardID: event.reward.id,
            notice: .redemption,
            noticeDetails: ["reward": event.reward.title]
        )
    }

    /// Roles from badges, as IRC's `badges` tag gives them.
    static func roles(_ badges: [EventSubEvent.Badge]) -> ChatRoles {
        TwitchBadges(badges.map(\.setID).joined(separator: ",")).roles
    }

    /// Emote and cheermote fragments as ranges of Unicode scalar offsets in the text (IRC's `emotes` tag counts the same
    /// way; its cheermotes come from ``CheermoteRanges``).
    static func emoteRanges(_ fragments: [EventSubEvent.Fragment]) -> [ClosedRange<Int>] {
        var ranges: [ClosedRange<Int>] = []
        var offset = 0
        for fragment in fragments {
            let length = fragment.text.unicodeScalars.count
            if fragment.type == "emote" || fragment.type == "cheermote", length > 0 { ranges.append(offset...(offset + length - 1)) }
            offset += length
        }
        return ranges
    }
}
