/// Decides whether a run of sentence punctuation really ends a sentence.
enum SentenceBoundary {
    /// Words that are followed by a period but never end a sentence (lowercased, without the final period).
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "mx", "dr", "prof", "sr", "jr", "st", "mt", "rev", "gen", "col", "capt", "lt", "sgt",
        "vs", "cf", "e.g", "i.e", "eg", "ie", "approx", "no", "nos", "fig", "vol", "ch", "pp", "ft", "inc", "ltd", "co",
    ]
    /// Words that end a sentence only when the next word is capitalised (`etc.`, `U.S.`, `a.m.`).
    static let ambiguousAbbreviations: Set<String> = ["etc", "al"]

    static func isTerminator(_ character: Character) -> Bool { Punctuation.sentenceTerminators[character] != nil }

    /// The index just past the terminators starting at `start` and any closing quotes or brackets after them.
    static func endOfTerminatorRun(in characters: [Character], from start: Int) -> Int {
        var index = start
        while index < characters.count, isTerminator(characters[index]) { index += 1 }
        while index < characters.count, Punctuation.closers.contains(characters[index]) { index += 1 }
        return index
    }

    /// Whether the punctuation in `runStart..<runEnd` ends the sentence that began at `pieceStart`.
    static func endsSentence(_ characters: [Character], runStart: Int, runEnd: Int, pieceStart: Int) -> Bool {
        let run = characters[runStart..<runEnd].filter(isTerminator)
        if run.contains(where: Punctuation.cjkSentenceTerminators.contains) { return true }
        guard runEnd < characters.count else { return true }
        // "3.14", "example.com/a?b=c", "wow!!1": punctuation inside a token is not a boundary.
        guard characters[runEnd].isWhitespace else { return false }
        if run.contains(where: { $0 != "." && $0 != "…" }) { return true }
        let nextIsCapitalised = startsWithUppercaseWord(characters, from: runEnd + 1)
        if run.count > 1 || run.contains("…") { return nextIsCapitalised }  // "wait... what" goes on
        let word = wordBefore(characters, index: runStart, notBefore: pieceStart)
        if abbreviations.contains(word.lowercased()) { return false }
        if word.count == 1, word.first?.isLetter == true { return false }  // an initial: "J. K. Rowling"
        if word.contains(".") || ambiguousAbbreviations.contains(word.lowercased()) { return nextIsCapitalised }
        return true
    }

    /// The word that ends just before `index`, without opening quotes or brackets.
    static func wordBefore(_ characters: [Character], index: Int, notBefore lowerBound: Int) -> String {
        var start = index
        while start > lowerBound, !characters[start - 1].isWhitespace { start -= 1 }
        while start < index, Punctuation.openers.contains(characters[start]) { start += 1 }
        return String(characters[start..<index])
    }

    /// Whether the word at `index` (after any opening quotes) starts with an uppercase letter.
    static func startsWithUppercaseWord(_ characters: [Character], from index: Int) -> Bool {
        var index = index
        while index < characters.count, Punctuation.openers.contains(characters[index]) { index += 1 }
        guard index < characters.count else { return false }
        return characters[index].isUppercase
    }
}
