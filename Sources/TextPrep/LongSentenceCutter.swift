/// Cuts a sentence that is too long into pieces of at most `maxCharacters` characters.
///
/// A cut goes after the last clause break (``Punctuation/isClauseBreak(_:at:)``) in the second half of the
/// window, else at the last space, else (one endless word) at the bound itself.
struct LongSentenceCutter {
    /// The longest piece.
    let maxCharacters: Int

    /// `sentence` in pieces no longer than ``maxCharacters``.
    func cut(_ sentence: String) -> [String] {
        var rest = Array(sentence)
        var pieces: [String] = []
        while rest.count > maxCharacters {
            let cutIndex = bestCut(in: rest)
            let piece = String(rest[..<cutIndex]).trimmingSpaces()
            if !piece.isEmpty { pieces.append(piece) }
            rest.removeFirst(cutIndex)
        }
        let last = String(rest).trimmingSpaces()
        if !last.isEmpty { pieces.append(last) }
        return pieces
    }

    /// Where to cut `characters` (longer than the bound): the piece is `characters[..<result]`.
    private func bestCut(in characters: [Character]) -> Int {
        if let mark = (maxCharacters / 2..<maxCharacters).last(where: { Punctuation.isClauseBreak(characters, at: $0) }) {
            return mark + 1
        }
        // A space exactly at the bound is fine too: the piece before it still fits.
        if let space = characters[...maxCharacters].lastIndex(where: { $0.isWhitespace }), space > 0 {
            return space
        }
        return maxCharacters
    }
}
