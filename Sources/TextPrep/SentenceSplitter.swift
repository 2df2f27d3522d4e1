/// Splits text into sentences that a speech engine can say one at a time.
///
/// Sentences keep their closing punctuation (`.` `!` `?` `…` and CJK `。！？`) and any closing quotes
/// or brackets after it. Whitespace is trimmed and collapsed; a blank line also ends a sentence.
/// Abbreviations (`Mr.`, `e.g.`, `U.S.`), decimals (`3.14`), URLs and mid-sentence ellipses
/// (`wait... what`) do not end a sentence. A sentence longer than ``maxCharacters`` is cut at the
/// last comma or space within the bound, so no single piece gets huge.
///
/// ```swift
/// SentenceSplitter().split("Hi Mr. Smith! How are you?")  // ["Hi Mr. Smith!", "How are you?"]
/// ```
public struct SentenceSplitter: Sendable {
    /// The longest piece (in characters) ``split(_:)`` returns.
    public var maxCharacters: Int

    /// Creates a splitter whose pieces have at most `maxCharacters` characters (at least 16).
    public init(maxCharacters: Int = 300) {
        self.maxCharacters = max(16, maxCharacters)
    }

    /// The sentences of `text`, in order, without empty pieces.
    public func split(_ text: String) -> [String] {
        var sentences: [String] = []
        for paragraph in Self.paragraphs(of: text) {
            for sentence in Self.sentences(in: paragraph) {
                sentences.append(contentsOf: LongSentenceCutter(maxCharacters: maxCharacters).cut(sentence))
            }
        }
        return sentences
    }

    /// Paragraphs (split at blank lines), each with its whitespace collapsed to single spaces.
    static func paragraphs(of text: String) -> [[Character]] {
        var paragraphs: [[Character]] = []
        var current: [Character] = []
        var pendingSpace = false
        var newlinesInRun = 0
        for character in text {
            if character.isWhitespace {
                pendingSpace = true
                if character.isNewline { newlinesInRun += 1 }
                continue
            }
            if newlinesInRun >= 2, !current.isEmpty {
                paragraphs.append(current)
                current = []
            } else if pendingSpace, !current.isEmpty {
                current.append(" ")
            }
            pendingSpace = false
            newlinesInRun = 0
            current.append(character)
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }

    /// Sentences of one whitespace-collapsed paragraph; pieces without letters or digits join the previous one.
    static func sentences(in characters: [Character]) -> [String] {
        var pieces: [String] = []
        var start = 0
        var index = 0
        while index < characters.count {
            guard SentenceBoundary.isTerminator(characters[index]) else {
                index += 1
                continue
            }
            let end = SentenceBoundary.endOfTerminatorRun(in: characters, from: index)
            if SentenceBoundary.endsSentence(characters, runStart: index, runEnd: end, pieceStart: start) {
                appendPiece(String(characters[start..<end]), to: &pieces)
                start = end
            }
            index = end
        }
        if start < characters.count { appendPiece(String(characters[start...]), to: &pieces) }
        return pieces
    }

    private static func appendPiece(_ raw: String, to pieces: inout [String]) {
        let piece = raw.trimmingSpaces()
        guard !piece.isEmpty else { return }
        // "!!!" alone is not speakable: keep it with the sentence it follows.
        if !piece.contains(where: { $0.isLetter || $0.isNumber }), let last = pieces.popLast() {
            pieces.append(last + piece)
        } else {
            pieces.append(piece)
        }
    }
}

extension String {
    /// The string without whitespace at either end (only the ends are looked at; unchanged text is returned as is).
    public func trimmingSpaces() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return first == startIndex && last == index(before: endIndex) ? self : String(self[first...last])
    }
}
