/// Cheermotes (`Cheer100`, `BibleThump50`) in a message that cheered bits: IRC marks only emotes, so these words are
/// found by their shape (letters, then the amount) and treated as emotes, as EventSub's fragments mark them.
enum CheermoteRanges {
    /// Scalar-offset ranges of the cheermote words in `text`; none when the message cheered no bits.
    static func find(in text: String, bits: Int) -> [ClosedRange<Int>] {
        guard bits > 0 else { return [] }
        var ranges: [ClosedRange<Int>] = []
        var wordStart: Int?
        var word: [Unicode.Scalar] = []
        // A space after the last word closes it like the others.
        for (offset, scalar) in Array(text.unicodeScalars.enumerated()) + [(text.unicodeScalars.count, Unicode.Scalar(UInt8(32)))] {
            if scalar.properties.isWhitespace {
                if let start = wordStart, isCheermote(word) { ranges.append(start...(offset - 1)) }
                wordStart = nil
                word.removeAll()
            } else {
                if wordStart == nil { wordStart = offset }
                word.append(scalar)
            }
        }
        return ranges
    }

    /// A prefix ending in a letter, then a positive amount: `Cheer100`, `4Head10`, `uni5`.
    private static func isCheermote(_ word: [Unicode.Scalar]) -> Bool {
        guard word.allSatisfy(\.isASCII), let lastLetter = word.lastIndex(where: { $0.properties.isAlphabetic }) else { return false }
        let digits = word[(lastLetter + 1)...]
        guard !digits.isEmpty, digits.first != "0", digits.allSatisfy({ ("0"..."9").contains($0) }) else { return false }
        return word[...lastLetter].allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }
}
