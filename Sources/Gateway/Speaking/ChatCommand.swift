import ChatSources

/// Commands chat can give the gateway.
enum ChatCommand: Equatable {
    /// `!tts skip|clear|pause|resume` from a moderator or the broadcaster.
    case moderator(ModeratorAction)
    /// `!voice <id>`: the user picks their voice.
    case voice(String)

    enum ModeratorAction: String, Equatable {
        case skip, clear, pause, resume
    }

    /// The command `message` gives under `rules`, if any.
    init?(_ message: ChatMessage, rules: GatewayRules) {
        guard message.notice == nil else { return nil }
        // Most lines are no command: look closer only at those that start like one.
        let text = message.text
        let prefixes = [rules.moderatorCommand] + (rules.allowVoiceCommand ? ["!voice"] : [])
        guard prefixes.contains(where: { text.prefix($0.count).lowercased() == $0.lowercased() }) else { return nil }
        let words = text.split(whereSeparator: \.isWhitespace)
        guard let first = words.first?.lowercased() else { return nil }
        if first == rules.moderatorCommand.lowercased(), message.roles.canModerate, words.count >= 2,
            let action = ModeratorAction(rawValue: words[1].lowercased())
        {
            self = .moderator(action)
        } else if rules.allowVoiceCommand, first == "!voice", words.count >= 2 {
            self = .voice(String(words[1]))
        } else {
            return nil
        }
    }
}

/// The voice each user speaks with.
enum UserVoice {
    /// Explicit choice, then a chat-picked one, then the channel's, then (hashed policy) a stable pick from the chat voices, else the
    /// gateway default (`nil`: the server's default voice).
    static func choose(for message: ChatMessage, rules: GatewayRules, picked: [String: String], channelVoice: String?) -> String? {
        let login = message.userLogin.lowercased()
        if let voice = rules.userVoices[login] { return voice }
        if let voice = picked[login], rules.chatVoices.contains(voice) { return voice }
        if let channelVoice { return channelVoice }
        if rules.userVoicePolicy == .hashed, !rules.chatVoices.isEmpty {
            return rules.chatVoices[Int(stableHash(message.userID) % UInt64(rules.chatVoices.count))]
        }
        return rules.defaultVoice
    }

    /// FNV-1a: the same user id gives the same voice on every run (Swift's `Hasher` is seeded per process).
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
