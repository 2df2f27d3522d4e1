import ChatSources
import Foundation

/// A rule value that cannot be used, naming the field.
public struct GatewayRulesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field (`max_characters`).
    public let field: String
    /// What is wrong with it.
    public let problem: String

    public var description: String { "\(field): \(problem)" }
}

extension GatewayRules {
    /// The limits every field must respect (checked on load and on `PUT /api/gateway/settings`).
    public static let characterLimit = 1...2000
    /// Allowed queue capacities.
    public static let capacityLimit = 1...10_000
    /// Longest list of words, patterns, users or voices.
    public static let listLimit = 10_000

    /// A primary language subtag as BCP 47 writes it: two to eight lowercase letters (`en`, `zh`, `yue`).
    static func isLanguageSubtag(_ text: String) -> Bool {
        (2...8).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isLowercase }
    }

    /// Throws the first field that is out of its range or malformed.
    public func validate() throws(GatewayRulesError) {
        func check(_ condition: Bool, _ field: String, _ problem: String) throws(GatewayRulesError) {
            if !condition { throw GatewayRulesError(field: field, problem: problem) }
        }
        try check(Self.characterLimit.contains(minCharacters), "min_characters", "must be in \(Self.characterLimit)")
        try check(Self.characterLimit.contains(maxCharacters), "max_characters", "must be in \(Self.characterLimit)")
        try check(minCharacters <= maxCharacters, "min_characters", "must not exceed max_characters (\(maxCharacters))")
        try check((1...100).contains(maxRepeatedCharacters), "max_repeated_characters", "must be in 1...100")
        try check((1...100).contains(maxRepeatedWords), "max_repeated_words", "must be in 1...100")
        try check((0...86_400).contains(duplicateWindowSeconds), "duplicate_window_seconds", "must be in 0...86400")
        try check((0...86_400).contains(userCooldownSeconds), "user_cooldown_seconds", "must be in 0...86400")
        try check(minimumBits >= 0, "minimum_bits", "must not be negative")
        try check(Self.capacityLimit.contains(queueCapacity), "queue_capacity", "must be in \(Self.capacityLimit)")
        try check(dropNamesAbove >= 0, "drop_names_above", "must not be negative")
        try check(priorityOnlyAbove >= 0, "priority_only_above", "must not be negative")
        try check(template.contains("{message}"), "template", "must contain {message}")
        try check(actionTemplate.contains("{message}"), "action_template", "must contain {message}")
        try check(commandPrefix.count <= 8, "command_prefix", "must be at most 8 characters")
        try check(!moderatorCommand.isEmpty && !moderatorCommand.contains(" "), "moderator_command", "must be one word")
        try check(keyword.map { !$0.isEmpty && $0.count <= 32 } ?? true, "keyword", "must be 1 to 32 characters")
        for (field, list) in [
            ("ignored_users", ignoredUsers), ("banned_words", bannedWords), ("banned_patterns", bannedPatterns), ("chat_voices", chatVoices),
        ] {
            try check(list.count <= Self.listLimit, field, "at most \(Self.listLimit) entries")
        }
        try check(userVoices.count <= Self.listLimit, "user_voices", "at most \(Self.listLimit) entries")
        try check(Self.isLanguageSubtag(latinLanguage), "latin_language", "must be a primary language subtag such as en or de")
        try check(languageVoices.count <= Self.listLimit, "language_voices", "at most \(Self.listLimit) entries")
        for (language, template) in languageTemplates {
            try check(
                Self.isLanguageSubtag(language),
                "language_templates",
                "\(language.debugDescription) is not a primary language subtag such as zh"
            )
            try check(template.contains("{message}"), "language_templates", "the template for \(language.debugDescription) must contain {message}")
        }
        for (language, voice) in languageVoices {
            try check(Self.isLanguageSubtag(language), "language_voices", "\(language.debugDescription) is not a primary language subtag such as zh")
            try check(!voice.isEmpty, "language_voices", "the voice for \(language.debugDescription) is empty")
        }
        for (kind, _) in noticeTemplates {
            try check(
                ChatNoticeKind(rawValue: kind) != nil,
                "notice_templates",
                "unknown notice kind \(kind.debugDescription)"
            )
        }
        for pattern in bannedPatterns {
            do {
                _ = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            } catch {
                throw GatewayRulesError(field: "banned_patterns", problem: "invalid regular expression \(pattern.debugDescription)")
            }
        }
    }
}
