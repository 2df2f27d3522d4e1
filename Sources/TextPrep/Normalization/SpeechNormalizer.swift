/// Rewrites chat text so a voice reads it as a person would: numbers, ordinals, money, percentages, clock times,
/// chat abbreviations, a pronunciation dictionary and emoji (English rules; Chinese and Japanese pass through).
///
/// ```swift
/// SpeechNormalizer().normalize("gg! $5.50 for 2nd place at 3:30pm")
/// // "good game! five dollars and fifty cents for second place at three thirty PM"
/// ```
public struct SpeechNormalizer: Sendable {
    /// What to do with emoji.
    public enum EmojiHandling: String, Sendable, Codable, CaseIterable {
        /// Leave them out.
        case drop
        /// Say their Unicode names ("face with tears of joy").
        case name
    }

    /// Chat abbreviations, lowercase, spoken as their expansion (whole words only).
    public var abbreviations: [String: String]
    /// Words spoken differently (whole words, case-insensitive), applied after the abbreviations.
    public var pronunciations: [String: String]
    /// What emoji become.
    public var emoji: EmojiHandling

    /// The built-in abbreviation table: the one home of these expansions (the gateway's default rules use it).
    public static let defaultAbbreviations: [String: String] = [
        "gg": "good game", "ggs": "good games", "wp": "well played", "glhf": "good luck have fun", "brb": "be right back",
        "afk": "away from keyboard", "btw": "by the way", "imo": "in my opinion", "imho": "in my humble opinion",
        "tbh": "to be honest", "idk": "I don't know", "omg": "oh my god", "ty": "thank you", "tyvm": "thank you very much",
        "thx": "thanks", "np": "no problem", "irl": "in real life", "rn": "right now", "ngl": "not gonna lie",
        "smh": "shaking my head", "lol": "L O L", "lmao": "L M A O", "nvm": "never mind", "pls": "please",
        "plz": "please", "u": "you", "ur": "your", "w/": "with", "gl": "good luck", "hf": "have fun", "fr": "for real",
    ]

    /// Creates a normalizer; by default with the built-in abbreviations, no pronunciations, and emoji dropped.
    public init(abbreviations: [String: String] = Self.defaultAbbreviations, pronunciations: [String: String] = [:], emoji: EmojiHandling = .drop) {
        self.abbreviations = Dictionary(abbreviations.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.pronunciations = Dictionary(pronunciations.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.emoji = emoji
    }

    /// `text` rewritten for speech; whitespace is normalized to single spaces.
    public func normalize(_ text: String) -> String {
        var words: [String] = []
        for token in text.split(whereSeparator: \.isWhitespace) {
            let rewritten = rewrite(Substring(token))
            if !rewritten.isEmpty { words.append(rewritten) }
        }
        return words.joined(separator: " ")
    }

    /// One whitespace-separated token: its core without surrounding punctuation is rewritten, the punctuation kept.
    private func rewrite(_ token: Substring) -> String {
        let withoutEmoji = handleEmoji(token)
        guard withoutEmoji.contains(where: { !$0.isPunctuation }) else { return withoutEmoji }
        var leadingCount = 0
        var characters = withoutEmoji.makeIterator()
        var previous: Character?
        while let character = characters.next() {
            // A sign before a digit belongs to the number ("-5"), not to the punctuation around the word.
            if let previous, previous == "-" || previous == "+", character.isNumber {
                leadingCount -= 1
                break
            }
            guard Self.isEdgePunctuation(character) else { break }
            leadingCount += 1
            previous = character
        }
        let leading = withoutEmoji.prefix(leadingCount)
        var rest = withoutEmoji.dropFirst(leadingCount)
        var trailingCount = 0
        for character in rest.reversed() {
            guard Self.isEdgePunctuation(character) else { break }
            trailingCount += 1
        }
        let trailing = rest.suffix(trailingCount)
        rest = rest.dropLast(trailingCount)
        let core = String(rest)
        if core.contains(where: Self.isCJK) { return String(withoutEmoji) }
        return String(leading) + spoken(core) + String(trailing)
    }

    private func spoken(_ core: String) -> String {
        let lowered = core.lowercased()
        if let expansion = abbreviations[lowered] { return pronunciations[lowered] ?? expansion }
        if let pronunciation = pronunciations[lowered] { return pronunciation }
        return NumberReader.read(core) ?? core
    }

    private func handleEmoji(_ token: Substring) -> String {
        var result = ""
        for character in token {
            guard Emoji.isEmoji(character) else {
                result.append(character)
                continue
            }
            if emoji == .name, let name = character.unicodeScalars.first?.properties.name {
                result += " " + name.lowercased() + " "
            }
        }
        return result.trimmingSpaces()
    }

    /// Han, kana and Hangul: text of languages these English rules must not touch.
    static func isCJK(_ character: Character) -> Bool {
        character.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F: true
            default: false
            }
        }
    }

    private static func isEdgePunctuation(_ character: Character) -> Bool {
        character.isPunctuation && character != "$" && character != "€" && character != "£" && character != "%"
            && character != "#" && character != "/"
    }
}
