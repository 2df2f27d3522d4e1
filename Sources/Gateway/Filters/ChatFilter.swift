import ChatSources
import DequeModule
import Foundation
import TextPrep

/// What the filters decided about one message.
enum FilterOutcome: Equatable {
    /// Speak `text` (cleaned: emotes and emoji out, links handled, repeats collapsed, truncated).
    case accept(text: String)
    /// Do not speak it.
    case reject(FilterReason)
}

/// The gateway's filters, in order, with the per-user and recent-text memory they need.
///
/// Pure and synchronous: the caller passes the time, so tests replay any schedule without waiting.
struct ChatFilter {
    private(set) var rules: GatewayRules
    private var ignoredUsers: Set<String> = []
    private var bannedWords: Set<String> = []
    private var bannedPhrases: [String] = []
    private var bannedPatterns: [NSRegularExpression] = []
    private var lastAccepted: [String: ContinuousClock.Instant] = [:]
    private var recentTexts: [String: ContinuousClock.Instant] = [:]
    private var recentOrder: Deque<(text: String, at: ContinuousClock.Instant)> = []

    /// Most users remembered for cooldowns and texts for duplicates; the oldest are forgotten first.
    static let memoryLimit = 10_000

    init(rules: GatewayRules) {
        self.rules = rules
        apply(rules)
    }

    /// Replaces the rules (already validated), keeping the memory.
    mutating func apply(_ rules: GatewayRules) {
        self.rules = rules
        ignoredUsers = Set(rules.ignoredUsers.map { $0.lowercased() })
        let banned = rules.bannedWords.map { ChatText.words($0).joined(separator: " ") }.filter { !$0.isEmpty }
        bannedWords = Set(banned.filter { !$0.contains(" ") })
        bannedPhrases = banned.filter { $0.contains(" ") }.map { " \($0) " }
        bannedPatterns = rules.bannedPatterns.compactMap { try? NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }
    }

    /// Runs every filter on `message` at `now`; an accepted message is remembered for cooldown and duplicates.
    mutating func evaluate(_ message: ChatMessage, at now: ContinuousClock.Instant) -> FilterOutcome {
        if ignoredUsers.contains(message.userLogin.lowercased()) { return .reject(.ignoredUser) }
        var text = message.text.trimmingSpaces()
        let isNotice = message.notice != nil
        if !isNotice {
            if let reward = rules.onlyRewardID, message.rewardID != reward { return .reject(.notReward) }
            if let keyword = rules.keyword {
                guard text.lowercased().hasPrefix(keyword.lowercased()) else { return .reject(.noKeyword) }
                text = String(text.dropFirst(keyword.count)).trimmingSpaces()
            } else if !rules.commandPrefix.isEmpty, text.hasPrefix(rules.commandPrefix) {
                return .reject(.command)
            }
            if !isAllowed(message.roles) { return .reject(.notAllowed) }
            if rules.minimumBits > 0, !message.roles.canModerate, message.bits < rules.minimumBits { return .reject(.notEnoughBits) }
        }
        if rules.links == .drop, ChatText.containsLink(text) { return .reject(.link) }
        if isBanned(text) || isBanned(message.displayName) { return .reject(.bannedWord) }

        // Emotes and emoji are not read out; a message made only of them is dropped, or read with the emote names
        // when the streamer allows emote-only messages.
        let withoutEmotes = ChatText.removing(scalarRanges: message.emoteRanges, from: text)
        var cleaned = ChatText.removingEmoji(withoutEmotes)
        if !ChatText.hasWords(cleaned), cleaned != text, !isNotice {
            if rules.dropEmoteOnly { return .reject(.emoteOnly) }
            cleaned = ChatText.removingEmoji(text)
        } else if rules.emoji == .name {
            cleaned = withoutEmotes  // the speech normalizer names them
        }
        if rules.links == .replace { cleaned = ChatText.replacingLinks(cleaned, with: rules.linkReplacement) }
        cleaned = ChatText.collapsingRepeatedCharacters(cleaned, limit: rules.maxRepeatedCharacters)
        cleaned = ChatText.collapsingRepeatedWords(cleaned, limit: rules.maxRepeatedWords)
        cleaned = ChatText.truncated(cleaned, limit: rules.maxCharacters)
        if !isNotice, !ChatText.hasWords(cleaned) || ChatText.characterCount(cleaned) < rules.minCharacters { return .reject(.tooShort) }

        forgetExpired(at: now)
        let duplicateKey = cleaned.lowercased()
        if !isNotice, rules.duplicateWindowSeconds > 0, recentTexts[duplicateKey] != nil { return .reject(.duplicate) }
        let userKey = "\(message.platform.rawValue):\(message.userID)"
        if !isNotice, rules.userCooldownSeconds > 0, let last = lastAccepted[userKey],
            now - last < .seconds(rules.userCooldownSeconds), !message.roles.canModerate
        {
            return .reject(.cooldown)
        }
        remember(text: duplicateKey, user: userKey, at: now)
        return .accept(text: cleaned)
    }

    private func isAllowed(_ roles: ChatRoles) -> Bool {
        switch rules.whoMaySpeak {
        case .everyone: true
        case .subscribers: !roles.isDisjoint(with: [.subscriber, .vip, .moderator, .broadcaster])
        case .vips: !roles.isDisjoint(with: [.vip, .moderator, .broadcaster])
        case .moderators: roles.canModerate
        }
    }

    private func isBanned(_ text: String) -> Bool {
        if !bannedWords.isEmpty || !bannedPhrases.isEmpty {
            let words = ChatText.words(text)
            if words.contains(where: { bannedWords.contains(String($0)) }) { return true }
            if !bannedPhrases.isEmpty {
                let joined = " " + words.joined(separator: " ") + " "
                if bannedPhrases.contains(where: joined.contains) { return true }
            }
        }
        guard !bannedPatterns.isEmpty else { return false }
        let range = NSRange(text.startIndex..., in: text)
        return bannedPatterns.contains { $0.firstMatch(in: text, range: range) != nil }
    }

    private mutating func remember(text: String, user: String, at now: ContinuousClock.Instant) {
        if rules.duplicateWindowSeconds > 0 {
            recentTexts[text] = now
            recentOrder.append((text, now))
            if recentOrder.count > Self.memoryLimit, let oldest = recentOrder.popFirst(), recentTexts[oldest.text] == oldest.at {
                recentTexts[oldest.text] = nil
            }
        }
        if rules.userCooldownSeconds > 0 {
            if lastAccepted.count >= Self.memoryLimit { lastAccepted.removeAll(keepingCapacity: true) }
            lastAccepted[user] = now
        }
    }

    private mutating func forgetExpired(at now: ContinuousClock.Instant) {
        let window = Duration.seconds(rules.duplicateWindowSeconds)
        while let oldest = recentOrder.first, now - oldest.at >= window {
            recentOrder.removeFirst()
            if recentTexts[oldest.text] == oldest.at { recentTexts[oldest.text] = nil }
        }
    }
}
