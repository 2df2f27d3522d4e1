import ChatSources
import Foundation
import TextPrep

/// Turns a queued item into the sentence that is spoken, with the streamer's templates.
enum SpokenLine {
    /// The line for `item`; `includeName` is false when the same user spoke just before or the backlog is long.
    static func make(_ item: QueuedSpeech, rules: GatewayRules, includeName: Bool) -> String? {
        let message = item.message
        let template: String
        if let notice = message.notice {
            guard let noticeTemplate = rules.noticeTemplates[notice.rawValue] else { return nil }
            template = noticeTemplate
        } else if !includeName {
            template = "{message}"
        } else {
            template = message.isAction ? rules.actionTemplate : item.language.flatMap { rules.languageTemplates[$0] } ?? rules.template
        }
        var values = [
            "user": speakableName(message.displayName, login: message.userLogin),
            "message": item.text,
            "months": message.noticeDetails["cumulative-months"] ?? message.noticeDetails["months"] ?? "",
            "viewers": message.noticeDetails["viewerCount"] ?? "",
            "recipient": message.noticeDetails["recipient-display-name"] ?? "",
            "amount": message.noticeDetails["amount"] ?? "",
            "count": message.noticeDetails["count"] ?? "",
            "level": message.noticeDetails["level"] ?? "",
            "reward": message.noticeDetails["reward"] ?? "",
        ]
        if message.notice == .raid, let raider = message.noticeDetails["displayName"] { values["user"] = raider }
        values["message"] = normalizer(rules).normalize(item.text)
        let line = fill(template, values)
        let trimmed = line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The speech rules of `rules` (chat always goes through them; the caption shows the line as spoken).
    static func normalizer(_ rules: GatewayRules) -> SpeechNormalizer {
        SpeechNormalizer(abbreviations: rules.abbreviations, pronunciations: rules.pronunciations, emoji: rules.emoji)
    }

    /// Replaces each `{name}` of `template` in one pass, so a value containing `{…}` is never expanded again.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] { result += value } else { result += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// Display names like `xX_Gamer_Xx42` read better as words: underscores become spaces, a YouTube handle's `@` goes;
    /// a name with no letters (some CJK names are fine, digits-only are not) falls back to the login.
    static func speakableName(_ displayName: String, login: String) -> String {
        let name = displayName.hasPrefix("@") ? String(displayName.dropFirst()) : displayName
        let spaced = name.replacingOccurrences(of: "_", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return spaced.contains(where: \.isLetter) ? spaced : login
    }
}
