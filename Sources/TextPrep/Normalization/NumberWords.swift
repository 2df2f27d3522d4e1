/// English words for numbers: cardinals, ordinals, digit strings.
enum NumberWords {
    static let ones = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ]
    static let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    static let scales: [(value: Int, name: String)] = [(1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")]
    /// Largest number read as a cardinal; longer digit strings are read digit by digit.
    static let largest = 999_999_999_999

    /// `1234` → "one thousand two hundred thirty-four".
    static func cardinal(_ number: Int) -> String {
        guard number >= 0 else { return "minus " + cardinal(-number) }
        guard number <= largest else { return digits(String(number)) }
        if number < 20 { return ones[number] }
        if number < 100 {
            let remainder = number % 10
            return tens[number / 10] + (remainder == 0 ? "" : "-" + ones[remainder])
        }
        if number < 1000 {
            let remainder = number % 100
            return ones[number / 100] + " hundred" + (remainder == 0 ? "" : " " + cardinal(remainder))
        }
        for scale in scales where number >= scale.value {
            let remainder = number % scale.value
            return cardinal(number / scale.value) + " " + scale.name + (remainder == 0 ? "" : " " + cardinal(remainder))
        }
        return digits(String(number))
    }

    /// `21` → "twenty-first".
    static func ordinal(_ number: Int) -> String {
        let words = cardinal(number)
        let irregular = ["one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth", "twelve": "twelfth"]
        // Only the last word changes: "twenty-one" → "twenty-first", "one hundred" → "one hundredth".
        let separator = words.lastIndex { $0 == " " || $0 == "-" }
        let head = separator.map { String(words[...$0]) } ?? ""
        let last = separator.map { String(words[words.index(after: $0)...]) } ?? words
        if let word = irregular[last] { return head + word }
        if last.hasSuffix("y") { return head + last.dropLast() + "ieth" }
        return head + last + "th"
    }

    /// `"0042"` → "zero zero four two".
    static func digits(_ text: some StringProtocol) -> String {
        text.compactMap { $0.wholeNumberValue.map { ones[$0] } }.joined(separator: " ")
    }
}
