import Foundation

/// What one line from Twitch's IRC server means to the client.
public enum TwitchIRCInput: Sendable, Equatable {
    /// Chat or moderation for the gateway.
    case chat(ChatEvent)
    /// `PING`: answer `PONG` with the same token.
    case ping(token: String)
    /// `RECONNECT`: Twitch will drop the connection soon; reconnect now.
    case reconnect
    /// `001`: the login was accepted.
    case welcome
    /// A login failure `NOTICE` (bad or expired token): do not retry with the same credentials.
    case loginFailed(reason: String)
    /// Our `JOIN` of a channel was confirmed.
    case joined(TwitchChannel)
    /// Nothing the client acts on (capability acks, ROOMSTATE, numerics…).
    case ignored

    /// Reads one parsed line.
    public init(_ message: IRCMessage) {
        switch message.command {
        case "PRIVMSG": self = Self.privateMessage(message).map { .chat(.message($0)) } ?? .ignored
        case "USERNOTICE": self = Self.userNotice(message).map { .chat(.message($0)) } ?? .ignored
        case "CLEARMSG": self = Self.clearMessage(message).map { .chat(.moderation($0)) } ?? .ignored
        case "CLEARCHAT": self = Self.clearChat(message).map { .chat(.moderation($0)) } ?? .ignored
        case "PING": self = .ping(token: message.parameters.last ?? "tmi.twitch.tv")
        case "RECONNECT": self = .reconnect
        case "001": self = .welcome
        case "NOTICE": self = Self.notice(message)
        case "JOIN":
            if let channel = message.parameters.first.flatMap(TwitchChannel.init) { self = .joined(channel) } else { self = .ignored }
        default: self = .ignored
        }
    }

    // MARK: Messages

    private static func privateMessage(_ message: IRCMessage) -> ChatMessage? {
        guard message.parameters.count >= 2, let channel = TwitchChannel(message.parameters[0]) else { return nil }
        var text = message.parameters[1]
        var isAction = false
        // CTCP ACTION: "\u{1}ACTION waves\u{1}".
        if text.hasPrefix("\u{1}ACTION ") {
            isAction = true
            text = String(text.dropFirst("\u{1}ACTION ".count))
            if text.hasSuffix("\u{1}") { text.removeLast() }
        }
        let login = message.nick ?? message.tags["login"] ?? ""
        return chatMessage(tags: message.tags, channel: channel, login: login, text: text, isAction: isAction)
    }

    private static func userNotice(_ message: IRCMessage) -> ChatMessage? {
        guard let channel = message.parameters.first.flatMap(TwitchChannel.init),
            let kind = message.tags["msg-id"].flatMap(ChatNoticeKind.init(rawValue:))
        else { return nil }
        let tags = message.tags
        var result = chatMessage(
            tags: tags,
            channel: channel,
            login: tags["login"] ?? message.nick ?? "",
            text: message.parameters.count >= 2 ? message.parameters[1] : "",
            isAction: false
        )
        result.notice = kind
        var details: [String: String] = [:]
        for (key, value) in tags where key.hasPrefix("msg-param-") { details[String(key.dropFirst("msg-param-".count))] = value }
        result.noticeDetails = details
        return result
    }

    private static func chatMessage(tags: [String: String], channel: TwitchChannel, login: String, text: String, isAction: Bool) -> ChatMessage {
        let badges = TwitchBadges(tags["badges"] ?? "")
        var roles = badges.roles
        if tags["mod"] == "1" { roles.insert(.moderator) }
        if tags["subscriber"] == "1" { roles.insert(.subscriber) }
        if tags["vip"] != nil { roles.insert(.vip) }
        let displayName = tags["display-name"].flatMap { $0.isEmpty ? nil : $0 }
        let color = tags["color"].flatMap { $0.isEmpty ? nil : $0 }
        let bits = tags["bits"].flatMap { Int($0) }.map { max(0, $0) } ?? 0
        let timestamp = tags["tmi-sent-ts"].flatMap(Double.init).map { Date(timeIntervalSince1970: $0 / 1000) } ?? Date()
        return ChatMessage(
            platform: .twitch,
            channel: channel.name,
            id: tags["id"] ?? UUID().uuidString,
            userID: tags["user-id"] ?? login,
            userLogin: login,
            displayName: displayName,
            color: color,
            roles: roles,
            bits: bits,
            text: text,
            isAction: isAction,
            emoteRanges: (emoteRanges(tags["emotes"] ?? "") + CheermoteRanges.find(in: text, bits: bits)).sorted { $0.lowerBound < $1.lowerBound },
            replyParentID: tags["reply-parent-msg-id"].flatMap { $0.isEmpty ? nil : $0 },
            isFirstMessage: tags["first-msg"] == "1",
            rewardID: tags["custom-reward-id"].flatMap { $0.isEmpty ? nil : $0 },
            timestamp: timestamp
        )
    }

    /// `25:0-4,12-16/1902:6-10` → [0...4, 12...16, 6...10] sorted.
    static func emoteRanges(_ tag: String) -> [ClosedRange<Int>] {
        var ranges: [ClosedRange<Int>] = []
        for emote in tag.split(separator: "/") {
            guard let colon = emote.firstIndex(of: ":") else { continue }
            for span in emote[emote.index(after: colon)...].split(separator: ",") {
                let bounds = span.split(separator: "-")
                guard bounds.count == 2, let start = Int(bounds[0]), let end = Int(bounds[1]), start >= 0, start <= end else { continue }
                ranges.append(start...end)
            }
        }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }

    // MARK: Moderation and notices

    private static func clearMessage(_ message: IRCMessage) -> ModerationEvent? {
        guard let channel = message.parameters.first.flatMap(TwitchChannel.init), let id = message.tags["target-msg-id"] else { return nil }
        return .messageDeleted(platform: .twitch, channel: channel.name, messageID: id)
    }

    private static func clearChat(_ message: IRCMessage) -> ModerationEvent? {
        guard let channel = message.parameters.first.flatMap(TwitchChannel.init) else { return nil }
        if message.parameters.count >= 2, !message.parameters[1].isEmpty {
            return .userCleared(
                platform: .twitch,
                channel: channel.name,
                userID: message.tags["target-user-id"],
                login: message.parameters[1].lowercased()
            )
        }
        return .chatCleared(platform: .twitch, channel: channel.name)
    }

    /// Twitch answers a bad PASS with one of these NOTICEs and then closes the connection.
    private static func notice(_ message: IRCMessage) -> Self {
        let text = message.parameters.last ?? ""
        let lowered = text.lowercased()
        if lowered.contains("login authentication failed") || lowered.contains("improperly formatted auth")
            || lowered.contains("invalid nick")
        {
            return .loginFailed(reason: text)
        }
        return .ignored
    }
}

/// The `badges` tag (`broadcaster/1,subscriber/12`).
struct TwitchBadges {
    let names: Set<Substring>

    init(_ tag: String) {
        names = Set(tag.split(separator: ",").compactMap { $0.split(separator: "/").first })
    }

    var roles: ChatRoles {
        var roles: ChatRoles = []
        if names.contains("broadcaster") { roles.insert(.broadcaster) }
        if names.contains("moderator") { roles.insert(.moderator) }
        if names.contains("vip") { roles.insert(.vip) }
        if names.contains("subscriber") || names.contains("founder") { roles.insert(.subscriber) }
        return roles
    }
}
