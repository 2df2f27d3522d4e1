import Foundation

/// The envelope of every EventSub WebSocket message: `metadata` says what it is, `payload` carries it.
struct EventSubMessage: Decodable {
    struct Metadata: Decodable {
        /// Unique per message; a redelivered notification keeps it (delivery is at least once).
        let messageID: String
        /// `session_welcome`, `session_keepalive`, `notification`, `session_reconnect`, `revocation`.
        let messageType: String
        /// The subscription type of a notification or revocation (`channel.chat.message`…).
        let subscriptionType: String?

        enum CodingKeys: String, CodingKey {
            case messageID = "message_id"
            case messageType = "message_type"
            case subscriptionType = "subscription_type"
        }
    }

    struct Session: Decodable {
        let id: String
        let keepaliveTimeoutSeconds: Int?
        let reconnectURL: String?

        enum CodingKeys: String, CodingKey {
            case id
            case keepaliveTimeoutSeconds = "keepalive_timeout_seconds"
            case reconnectURL = "reconnect_url"
        }
    }

    struct Subscription: Decodable {
        let id: String
        let type: String
        let status: String
    }

    struct Payload: Decodable {
        let session: Session?
        let subscription: Subscription?
    }

    let metadata: Metadata
    let payload: Payload
}

/// A notification's event, decoded once its subscription type is known.
struct EventSubNotification<Event: Decodable>: Decodable {
    struct Payload: Decodable { let event: Event }
    let payload: Payload
}

/// The events of the chat subscriptions, as Twitch documents them (only the fields this server reads).
enum EventSubEvent {
    /// A badge a chatter wears in the channel.
    struct Badge: Decodable {
        let setID: String
        enum CodingKeys: String, CodingKey { case setID = "set_id" }
    }

    /// A piece of a chat message: plain text, an emote, a cheermote or a mention.
    struct Fragment: Decodable {
        struct Cheermote: Decodable { let bits: Int }
        let type: String
        let text: String
        let cheermote: Cheermote?
    }

    struct Message: Decodable {
        let text: String
        let fragments: [Fragment]?
    }

    /// `channel.chat.message`.
    struct ChatMessage: Decodable {
        struct Cheer: Decodable { let bits: Int }
        struct Reply: Decodable {
            let parentMessageID: String
            enum CodingKeys: String, CodingKey { case parentMessageID = "parent_message_id" }
        }
        let broadcasterUserLogin: String
        let chatterUserID: String
        let chatterUserLogin: String
        let chatterUserName: String?
        let messageID: String
        let message: Message
        let messageType: String?
        let badges: [Badge]?
        let cheer: Cheer?
        let color: String?
        let reply: Reply?
        let channelPointsCustomRewardID: String?

        enum CodingKeys: String, CodingKey {
            case message, badges, cheer, color, reply
            case broadcasterUserLogin = "broadcaster_user_login"
            case chatterUserID = "chatter_user_id"
            case chatterUserLogin = "chatter_user_login"
            case chatterUserName = "chatter_user_name"
            case messageID = "message_id"
            case messageType = "message_type"
            case channelPointsCustomRewardID = "channel_points_custom_reward_id"
        }
    }

    /// `channel.chat.message_delete`.
    struct MessageDelete: Decodable {
        let broadcasterUserLogin: String
        let messageID: String
        enum CodingKeys: String, CodingKey {
            case broadcasterUserLogin = "broadcaster_user_login"
            case messageID = "message_id"
        }
    }

    /// `channel.chat.clear_user_messages`.
    struct ClearUserMessages: Decodable {
        let broadcasterUserLogin: String
        let targetUserID: String
        let targetUserLogin: String
        enum CodingKeys: String, CodingKey {
            case broadcasterUserLogin = "broadcaster_user_login"
            case targetUserID = "target_user_id"
            case targetUserLogin = "target_user_login"
        }
    }

    /// `channel.chat.clear`.
    struct Clear: Decodable {
        let broadcasterUserLogin: String
        enum CodingKeys: String, CodingKey { case broadcasterUserLogin = "broadcaster_user_login" }
    }

    /// `channel.chat.notification`: subs, resubs, gifts, raids, announcements (and kinds this server does not speak).
    struct Notification: Decodable {
        struct Sub: Decodable {
            let durationMonths: Int?
            enum CodingKeys: String, CodingKey { case durationMonths = "duration_months" }
        }
        struct Resub: Decodable {
            let cumulativeMonths: Int?
            let streakMonths: Int?
            enum CodingKeys: String, CodingKey {
                case cumulativeMonths = "cumulative_months"
                case streakMonths = "streak_months"
            }
        }
        struct SubGift: Decodable {
            let durationMonths: Int?
            let recipientUserID: String?
            let recipientUserLogin: String?
            let recipientUserName: String?
            enum CodingKeys: String, CodingKey {
                case durationMonths = "duration_months"
                case recipientUserID = "recipient_user_id"
                case recipientUserLogin = "recipient_user_login"
                case recipientUserName = "recipient_user_name"
            }
        }
        struct Raid: Decodable {
            let userLogin: String
            let userName: String
            let viewerCount: Int
            enum CodingKeys: String, CodingKey {
                case userLogin = "user_login"
                case userName = "user_name"
                case viewerCount = "viewer_count"
            }
        }

        let broadcasterUserLogin: String
        let chatterUserID: String
        let chatterUserLogin: String
        let chatterUserName: String?
        let color: String?
        let badges: [Badge]?
        let messageID: String
        let message: Message?
        let noticeType: String
        let sub: Sub?
        let resub: Resub?
        let subGift: SubGift?
        let raid: Raid?

        enum CodingKeys: String, CodingKey {
            case color, badges, message, sub, resub, raid
            case broadcasterUserLogin = "broadcaster_user_login"
            case chatterUserID = "chatter_user_id"
            case chatterUserLogin = "chatter_user_login"
            case chatterUserName = "chatter_user_name"
            case messageID = "message_id"
            case noticeType = "notice_type"
            case subGift = "sub_gift"
        }
    }

    /// `channel.channel_points_custom_reward_redemption.add`.
    struct Redemption: Decodable {
        struct Reward: Decodable {
            let id: String
            let title: String
        }
        let id: String
        let broadcasterUserLogin: String
        let userID: String
        let userLogin: String
        let userName: String?
        let userInput: String?
        let reward: Reward

        enum CodingKeys: String, CodingKey {
            case id, reward
            case broadcasterUserLogin = "broadcaster_user_login"
            case userID = "user_id"
            case userLogin = "user_login"
            case userName = "user_name"
            case userInput = "user_input"
        }
    }
}
