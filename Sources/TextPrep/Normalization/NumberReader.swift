/// Reads one token that is a number in some written form: `1,234`, `3.5`, `-2`, `21st`, `$5.50`, `€3`, `50%`,
/// `3:30`, `10:05pm`; `nil` for anything else (a word with digits inside, like a user name, stays as it is).
enum NumberReader {
    static func read(_ token: String) -> String? {
        guard let first = token.first, first.isNumber || "$€£-+".contains(first) else { return nil }
        return money(token) ?? percent(token) ?? clockTime(token) ?? ordinal(token) ?? plain(token)
    }

    /// `1,234.5`, `-3`, `007`: a cardinal, decimals digit by digit; a leading zero reads digit by digit.
    static func plain(_ token: String) -> String? {
        var text = Substring(token)
        var sign = ""
        if text.first == "-" || text.first == "+" {
            sign = text.first == "-" ? "minus " : "plus "
            text = text.dropFirst()
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let integerPart = parts.first, isGroupedInteger(integerPart) else { return nil }
        let digits = integerPart.filter { $0 != "," }
        var words: String
        if digits.count > 1, digits.first == "0" || digits.count > 12 {
            words = NumberWords.digits(digits)
        } else {
            guard let value = Int(digits) else { return nil }
            words = NumberWords.cardinal(value)
        }
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            words += " point " + NumberWords.digits(fraction)
        }
        return sign + words
    }

    /// `$5`, `$5.50`, `€3`, `£2.05`: amount in words with the currency's name.
    static func money(_ token: String) -> String? {
        let currencies: [Character: (one: String, many: String, cent: String, cents: String)] = [
            "$": ("dollar", "dollars", "cent", "cents"), "€": ("euro", "euros", "cent", "cents"), "£": ("pound", "pounds", "penny", "pence"),
        ]
        guard let symbol = token.first, let currency = currencies[symbol] else { return nil }
        let amount = token.dropFirst()
        let parts = amount.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = parts.first, isGroupedInteger(wholeText), let whole = Int(wholeText.filter { $0 != "," }) else { return nil }
        var words = NumberWords.cardinal(whole) + " " + (whole == 1 ? currency.one : currency.many)
        if parts.count == 2 {
            guard parts[1].count == 2, let cents = Int(parts[1]) else { return nil }
            if cents > 0 { words += " and " + NumberWords.cardinal(cents) + " " + (cents == 1 ? currency.cent : currency.cents) }
        }
        return words
    }

    /// `50%`, `12.5%`.
    static func percent(_ token: String) -> String? {
        guard token.hasSuffix("%"), let number = plain(String(token.dropLast())) else { return nil }
        return number + " percent"
    }

    /// `3:30`, `10:05pm`, `12:00 AM` (the suffix attached): "three thirty", "ten oh five PM", "twelve o'clock AM".
    static func clockTime(_ token: String) -> String? {
        var text = token.lowercased()
        var suffix = ""
        for marker in ["am", "pm"] where text.hasSuffix(marker) {
            suffix = " " + marker.uppercased()
            text.removeLast(2)
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...24).contains(hour), (0...59).contains(minute)
        else { return nil }
        let minutes: String
        switch minute {
        case 0: minutes = suffix.isEmpty ? "hundred" : "o'clock"
        case 1...9: minutes = "oh " + NumberWords.cardinal(minute)
        default: minutes = NumberWords.cardinal(minute)
        }
        return NumberWords.cardinal(hour) + " " + minutes + suffix
    }

    /// `1st`, `22nd`, `103rd`, `11th`: only with the suffix that number takes.
    static func ordinal(_ token: String) -> String? {
        let lowered = token.lowercased()
        guard lowered.count >= 3 else { return nil }
        let suffix = String(lowered.suffix(2))
        let digits = lowered.dropLast(2)
        guard digits.allSatisfy(\.isASCIIDigit), let value = Int(digits) else { return nil }
        let expected: String
        switch (value % 10, value % 100) {
        case (_, 11...13): expected = "th"
        case (1, _): expected = "st"
        case (2, _): expected = "nd"
        case (3, _): expected = "rd"
        default: expected = "th"
        }
        return suffix == expected ? NumberWords.ordinal(value) : nil
    }

    /// `1234` or `1,234,567` (commas only between groups of three).
    private static func isGroupedInteger(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCIIDigit || $0 == "," }) else { return false }
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count > 1 else { return true }
        return (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
