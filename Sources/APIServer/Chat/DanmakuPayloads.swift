import ChatSources
import Foundation
import Gateway
import HTTPTypes

/// `POST /api/danmaku/start|stop`: `{"platform": "twitch", "channel": "name", "voice_id": "joe"}`.
struct DanmakuSourceRequest: Decodable {
    let platform: String
    let channel: String
    let voiceID: String?

    enum CodingKeys: String, CodingKey {
        case platform, channel
        case voiceID = "voice_id"
    }
}

/// `POST /api/danmaku/enqueue`: the original's `NormalizedMessage`
/// (`id, platform, channel, user_id, username, priority, content {"Text": …}, metadata, timestamp`).
struct DanmakuEnqueueRequest: Decodable {
    let id: String?
    let platform: String?
    let channel: String?
    let userID: String?
    let username: String
    let priority: String?
    let content: Content
    let metadata: Metadata?

    /// `{"Text": "hi"}` or `{"System": "…"}`; a plain string is accepted too.
    struct Content: Decodable {
        let text: String
        let isSystem: Bool

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                self.text = text
                isSystem = false
                return
            }
            let container = try decoder.container(keyedBy: Key.self)
            if let text = try container.decodeIfPresent(String.self, forKey: .text) {
                self.text = text
                isSystem = false
            } else {
                text = try container.decode(String.self, forKey: .system)
                isSystem = true
            }
        }

        enum Key: String, CodingKey {
            case text = "Text"
            case system = "System"
        }
    }

    /// The metadata fields the gateway understands; others are ignored as in the original.
    struct Metadata: Decodable {
        let displayName: String?
        let color: String?
        let bits: Int?

        enum CodingKeys: String, CodingKey {
            case displayName = "display_name"
            case color, bits
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, platform, channel, username, priority, content, metadata
        case userID = "user_id"
    }

    /// The lane the original's priorities map to (`Gift`/`Paid` > `Moderator` > `Mention`/`Normal`).
    var lane: SpeechLane? {
        switch priority?.lowercased() {
        case "gift", "paid": .paid
        case "moderator": .moderator
        case "mention", "normal": .normal
        default: nil
        }
    }

    /// The message as the gateway takes it; 400 for an unknown platform or priority.
    func message() throws -> ChatMessage {
        let platformName = (platform ?? "api").lowercased()
        guard let platform = ChatPlatform(rawValue: platformName) else {
            throw APIError(
                .badRequest,
                code: "invalid_platform",
                message: "platform must be one of twitch, youtube, api; got \(platformName.debugDescription)"
            )
        }
        if let priority, lane == nil {
            throw APIError(
                .badRequest,
                code: "invalid_priority",
                message: "priority must be Gift, Paid, Moderator, Mention or Normal; got \(priority.debugDescription)"
            )
        }
        let login = username.trimmingCharacters(in: .whitespaces)
        guard !login.isEmpty, login.count <= 64 else {
            throw APIError(.badRequest, code: "invalid_username", message: "username must be 1 to 64 characters")
        }
        if let id, id.isEmpty || id.count > 128 {
            throw APIError(.badRequest, code: "invalid_id", message: "id must be 1 to 128 characters")
        }
        return ChatMessage(
            platform: platform,
            channel: channel ?? "api",
            id: id ?? UUID().uuidString,
            userID: userID ?? login.lowercased(),
            userLogin: login.lowercased(),
            displayName: metadata?.displayName ?? login,
            color: metadata?.color,
            bits: max(0, metadata?.bits ?? 0),
            text: content.text
        )
    }
}
