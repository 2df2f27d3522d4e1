/// Cuts a short leading clause off a sentence, so a streaming engine can start speaking sooner.
///
/// An engine that renders whole sentences makes the listener wait for the entire first sentence.
/// Rendering its first clause ("Hello chat,") on its own halves that wait for typical chat lines; the
/// clause keeps its comma, so the engine still pauses there as it would mid-sentence.
/// Only a ``Punctuation/isClauseBreak(_:at:)`` mark counts (`,` `;` `:` before a space, or a CJK form), and both pieces
/// must keep at least ``minimumCharacters`` characters, so nothing degenerates into one-word fragments. The clause
/// must also be no longer than the rest: each piece is one more ONNX Runtime `Run`, and a clause that is most of the
/// sentence saves little waiting while costing that `Run` (up to 20 ms on a 2-core machine; docs/BENCHMARKS.md).
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
            if Punctuation.isClauseBreak(characters, at: index) {
                let head = String(characters[...index])
                let tail = String(characters[(index + 1)...]).trimmingLeadingSpaces()
                if tail.count >= minimumCharacters && head.count <= tail.count { return [head, tail] }
                return [sentence]
            }
            index += 1
        }
        return [sentence]
    }
}

extension String {
    fileprivate func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
