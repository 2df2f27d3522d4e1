/// Cuts a short leading clause off a sentence, so a streaming engine can start speaking sooner.
///
/// An engine that renders whole sentences makes the listener wait for the entire first sentence.
/// Rendering its first clause ("Hello chat,") on its own halves that wait for typical chat lines; the
/// clause keeps its comma, so the engine still pauses there as it would mid-sentence.
/// Only clause punctuation followed by a space counts (`,` `;` `:` and their CJK forms), and both pieces
/// must keep at least ``minimumCharacters`` characters, so nothing degenerates into one-word fragments.
///
/// ```swift
/// FirstClauseSplitter().split("Hello chat, thanks for the follow!")  // ["Hello chat,", "thanks for the follow!"]
/// ```
public struct FirstClauseSplitter: Sendable {
    /// The fewest characters either piece may have.
    public var minimumCharacters: Int

    /// Creates a splitter whose pieces have at least `minimumCharacters` characters.
    public init(minimumCharacters: Int = 10) {
        self.minimumCharacters = max(1, minimumCharacters)
    }

    /// `sentence` as one piece, or as its first clause and the rest.
    public func split(_ sentence: String) -> [String] {
        let characters = Array(sentence)
        var index = minimumCharacters - 1
        while index < characters.count - minimumCharacters {
            let character = characters[index]
            if Self.clausePunctuation.contains(character), characters[index + 1] == " " || Self.isCJKPunctuation(character) {
                let head = String(characters[...index])
                let tail = String(characters[(index + 1)...]).trimmingLeadingSpaces()
                if tail.count >= minimumCharacters { return [head, tail] }
                return [sentence]
            }
            index += 1
        }
        return [sentence]
    }

    private static let clausePunctuation: Set<Character> = [",", ";", ":", "，", "；", "：", "、"]

    /// CJK clause marks are not followed by a space.
    private static func isCJKPunctuation(_ character: Character) -> Bool { "，；：、".contains(character) }
}

extension String {
    fileprivate func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
