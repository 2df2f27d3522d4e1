/// The punctuation tables every sentence and clause rule reads, so the splitters and the Piper phonemizer agree.
///
/// Each mark maps to the ASCII mark it stands for (`，` is a comma, `…` and `。` end like `.`), which is what a
/// phonemizer writes after a clause. The F5 chunker does not use these tables: it ports upstream's own regex
/// classes (``F5TextChunker``), which differ on purpose (no `、`, and `.!?` count as clause breaks there).
public enum Punctuation {
    /// Marks that end a clause inside a sentence, with the ASCII mark each stands for.
    public static let clauseMarks: [Character: Character] = [
        ",": ",", ";": ";", ":": ":", "，": ",", "、": ",", "；": ";", "：": ":",
    ]

    /// Marks that can end a sentence, with the ASCII mark each stands for.
    public static let sentenceTerminators: [Character: Character] = [
        ".": ".", "…": ".", "。": ".", "｡": ".",
        "?": "?", "？": "?", "⁇": "?", "⁈": "?", "⁉": "?",
        "!": "!", "！": "!", "‼": "!",
    ]

    /// Terminators that end a sentence with no space after them (CJK text has none).
    public static let cjkSentenceTerminators: Set<Character> = ["。", "！", "？", "｡"]

    /// Quotes and brackets that close what they opened; they stay with the sentence before them.
    public static let closers: Set<Character> = [
        "\"", "'", "”", "’", ")", "]", "}", "»", "›", "」", "』", "】", "）", "〉", "》", "〕",
    ]

    /// Quotes and brackets that may open the next sentence.
    public static let openers: Set<Character> = [
        "\"", "'", "“", "‘", "(", "[", "{", "«", "‹", "「", "『", "【", "（", "〈", "《",
    ]

    /// Whether `characters[index]` is a clause mark that really ends a clause.
    ///
    /// An ASCII mark counts only before whitespace or at the end, so `1,000` and `12:30` stay whole; a CJK mark
    /// always counts, because CJK text puts no space after it.
    public static func isClauseBreak(_ characters: [Character], at index: Int) -> Bool {
        let character = characters[index]
        guard clauseMarks[character] != nil else { return false }
        guard character.isASCII else { return true }
        return index + 1 == characters.count || characters[index + 1].isWhitespace
    }
}
