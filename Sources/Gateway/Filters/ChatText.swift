import TextPrep

/// Text operations on chat lines; each counts in `Character`s (grapheme clusters), so none splits an emoji or an accent.
enum ChatText {
    /// `text` without the characters in `ranges` (Unicode scalar offsets, as Twitch gives emote positions).
    static func removing(scalarRanges ranges: [ClosedRange<Int>], from text: String) -> String {
        guard !ranges.isEmpty else { return text }
        var result = String.UnicodeScalarView()
        var rangeIndex = 0
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            while rangeIndex < ranges.count, ranges[rangeIndex].upperBound < offset { rangeIndex += 1 }
            if rangeIndex < ranges.count, ranges[rangeIndex].contains(offset) { continue }
            result.append(scalar)
        }
        return String(result)
    }

    /// `text` without emoji.
    static func removingEmoji(_ text: String) -> String {
        if isASCII(text) { return text }  // most chat: no emoji possible, and no per-character property lookups
        return String(text.filter { !Emoji.isEmoji($0) })
    }

    /// Whether every byte of `text` is ASCII (then characters are bytes, and the fast paths below apply).
    static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

    /// Words separated by spaces and tabs; other whitespace stays inside words, which only the collapsing rules see.
    static func spaceSeparatedWords(_ text: String) -> [Substring] {
        text.split { $0 == " " || $0 == "\t" }
    }

    /// Runs of one character longer than `limit` cut to `limit` (`loooool` → `lool` for 2).
    static func collapsingRepeatedCharacters(_ text: String, limit: Int) -> String {
        if isASCII(text) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var previous: UInt8 = 0
            var run = 0
            for byte in text.utf8 {
                run = byte == previous ? run + 1 : 1
                previous = byte
                if run <= limit { bytes.append(byte) }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var previous: Character?
        var run = 0
        for character in text {
            run = character == previous ? run + 1 : 1
            previous = character
            if run <= limit { result.append(character) }
        }
        return result
    }

    /// Runs of one word (compared case-insensitively) longer than `limit` cut to `limit`; spaces are normalized.
    static func collapsingRepeatedWords(_ text: String, limit: Int) -> String {
        let words = spaceSeparatedWords(text)
        var kept: [Substring] = []
        kept.reserveCapacity(words.count)
        var run = 0
        for (index, word) in words.enumerated() {
            // Words of different lengths differ: most neighbours are told apart without lowercasing either.
            let repeats = index > 0 && word.utf8.count == words[index - 1].utf8.count && word.lowercased() == words[index - 1].lowercased()
            run = repeats ? run + 1 : 1
            if run <= limit { kept.append(word) }
        }
        return kept.joined(separator: " ")
    }

    /// Whether `text` has a letter or a digit (something to say).
    static func hasWords(_ text: String) -> Bool {
        if isASCII(text) { return text.utf8.contains { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) } }
        return text.contains { $0.isLetter || $0.isNumber }
    }

    /// The number of characters of `text` (its byte count when it is ASCII).
    static func characterCount(_ text: String) -> Int { isASCII(text) ? text.utf8.count : text.count }

    /// At most `limit` characters (whole graphemes), trimmed.
    static func truncated(_ text: String, limit: Int) -> String {
        // A character is at least one byte: a text of no more bytes than the limit has no more characters.
        guard text.utf8.count > limit, text.count > limit else { return text }
        return String(text.prefix(limit)).trimmingTrailingWhitespace()
    }

    /// Lowercased words (letters, digits and apostrophes), for word-aware matching.
    static func words(_ text: String) -> [Substring] {
        text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "'") }.map { $0 }
    }

    /// `text` with each whitespace-separated link replaced by `replacement` (or removed when it is empty).
    static func replacingLinks(_ text: String, with replacement: String) -> String {
        guard text.utf8.contains(UInt8(ascii: ".")) else { return text }  // every link has a dot
        return spaceSeparatedWords(text)
            .compactMap { LinkDetector.isLink($0) ? (replacement.isEmpty ? nil : Substring(replacement)) : $0 }
            .joined(separator: " ")
    }

    /// Whether any whitespace-separated token of `text` is a link.
    static func containsLink(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: ".")) && spaceSeparatedWords(text).contains(where: LinkDetector.isLink)
    }
}

/// Recognizes the links people paste in chat: URLs with a scheme, `www.` hosts, and bare `name.tld/…` hosts.
enum LinkDetector {
    /// Top-level domains common enough in chat that a bare `word.tld` is a link, not a sentence typo.
    static let topLevelDomains: Set<Substring> = [
        "com", "net", "org", "tv", "gg", "io", "ly", "be", "me", "co", "uk", "de", "ru", "xyz", "app", "dev", "info",
        "biz", "us", "ca", "fr", "jp", "cn", "link", "live", "shop", "site", "online", "store", "gl", "to", "fm", "ai",
    ]

    static func isLink(_ token: Substring) -> Bool {
        let lowered = token.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("www.") { return true }
        // Bare host: labels of letters, digits and hyphens, the last one a known TLD, optionally a path.
        let host = lowered.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let trimmedHost = host.hasSuffix(".") ? host.dropLast() : host[...]
        let labels = trimmedHost.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, topLevelDomains.contains(last) else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
        }
    }
}

extension String {
    /// Only the end: a cut text keeps its beginning exactly as written.
    fileprivate func trimmingTrailingWhitespace() -> String {
        var copy = self
        while copy.last?.isWhitespace == true { copy.removeLast() }
        return copy
    }
}
