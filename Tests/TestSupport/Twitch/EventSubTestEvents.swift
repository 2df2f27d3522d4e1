import Foundation

/// Events of the chat subscriptions as Twitch documents them, for the local EventSub server to send.
public enum EventSubTestEvents {
    /// The channel every event here belongs to.
    public static let broadcaster: [String: any Sendable] = [
        "broadcaster_user_id": "1001", "broadcaster_user_login": "dallas", "broadcaster_user_name": "Dallas",
    ]

    /// A message fragment: `text`, `emote`, `cheermote` (with `bits`) or `mention`.
    public static func fragment(_ type: String, _ text: String, bits: Int = 0) -> [String: any Sendable] {
        var fragment: [String: any Sendable] = ["type": type, "text": text, "cheermote": NSNull(), "emote": NSNull(), "mention": NSNull()]
        switch type {
        case "emote": fragment["emote"] = ["id": "25", "emote_set_id": "0", "owner_id": "0", "format": ["static"]] as [String: any Sendable]
        case "cheermote": fragment["cheermote"] = ["prefix": "cheer", "bits": bits, "tier": 100] as [String: any Sendable]
        case "mention": fragment["mention"] = ["user_id": "3003", "user_login": "carol", "user_name": "Carol"]
        default: break
        }
        return fragment
    }

    /// A badge.
    public static func badge(_ set: String) -> [String: any Sendable] { ["set_id": set, "id": "1", "info": ""] }

    /// `channel.chat.message`.
    public static func chatMessage(
        id: String,
        login: String,
        userID: String,
        name: String,
        fragments: [[String: any Sendable]],
        badges: [[String: any Sendable]] = [],
        bits: Int? = nil,
        color: String = "",
        messageType: String = "text",
        replyParentID: String? = nil,
        rewardID: String? = nil
    ) -> [String: any Sendable] {
        var event = broadcaster
        event["chatter_user_id"] = userID
        event["chatter_user_login"] = login
        event["chatter_user_name"] = name
        event["message_id"] = id
        event["message"] = ["text": fragments.compactMap { $0["text"] as? String }.joined(), "fragments": fragments] as [String: any Sendable]
        event["message_type"] = messageType
        event["badges"] = badges
        event["cheer"] = bits.map { ["bits": $0] as [String: any Sendable] } ?? NSNull()
        event["color"] = color
        event["reply"] =
            replyParentID.map {
                [
                    "parent_message_id": $0, "parent_message_body": "earlier", "parent_user_id": "3003", "parent_user_name": "Carol",
                    "parent_user_login": "carol", "thread_message_id": $0, "thread_user_id": "3003", "thread_user_name": "Carol",
                    "thread_user_login": "carol",
                ] as [String: any Sendable]
            } ?? NSNull()
        event["channel_points_custom_reward_id"] = rewardID ?? NSNull()
        return event
    }

    /// `channel.chat.message_delete`.
    public static func messageDelete(_ messageID: String, login: String, userID: String) -> [String: any Sendable] {
        var event = broadcaster
        event["target_user_id"] = userID
        event["target_user_login"] = login
        event["target_user_name"] = login
        event["message_id"] = messageID
        return event
    }

    /// `channel.chat.clear_user_messages`.
    public static func clearUserMessages(login: String, userID: String) -> [String: any Sendable] {
        var event = broadcaster
        event["target_user_id"] = userID
        event["target_user_login"] = login
        event["target_user_name"] = login
        return event
    }

    /// `channel.chat.notification` of `noticeType` with its details object.
    public static func notification(
        id: String,
        login: String,
        userID: String,
        name: String,
        noticeType: String,
        details: [String: any Sendable],
        text: String = "",
        badges: [[String: any Sendable]] = [],
        color: String = ""
    ) -> [String: any Sendable] {
        var event = broadcaster
        event["chatter_user_id"] = userID
        event["chatter_user_login"] = login
        event["chatter_user_name"] = name
        event["chatter_is_anonymous"] = false
        event["color"] = color
        event["badges"] = badges
        event["system_message"] = "\(name) did something"
        event["message_id"] = id
        let fragments: [[String: any Sendable]] = text.isEmpty ? [] : [fragment("text", text)]
        event["message"] = ["text": text, "fragments": fragments] as [String: any Sendable]
        event["notice_type"] = noticeType
        for kind in [
            "sub", "resub", "sub_gift", "community_sub_gift", "gift_paid_upgrade", "prime_paid_upgrade", "raid", "unraid", "pay_it_forward",
            "announcement",
        ] {
            event[kind] = NSNull()
        }
        event[noticeType] = details
        return event
    }
}
