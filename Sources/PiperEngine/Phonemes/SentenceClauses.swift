import TextPrep

/// A sentence cut into clauses, each with the punctuation piper puts after its phonemes.
///
/// espeak-ng's phonemizer drops punctuation, but Piper models were trained with it (it carries the
/// prosody: a comma pauses, a question rises). piper learns the clause ends from espeak's terminator;
/// espeak-ng 1.51 cannot report it, so the clauses are found here and phonemized one at a time.
struct SentenceClauses: Equatable {
    /// One clause: its text and the punctuation piper writes after it (`""` for none).
    struct Clause: Equatable {
        var text: String
        var punctuation: String
    }

    let clauses: [Clause]

    /// The phoneme punctuation piper writes after a clause mark: its ASCII form and a space (`，` → `, `).
    static func clausePunctuation(_ mark: Character) -> String? {
        Punctuation.clauseMarks[mark].map { "\($0) " }
    }

    /// The phoneme punctuation piper writes at a sentence end: its ASCII form (`…` and `。` → `.`).
    static func endPunctuation(_ mark: Character) -> String? {
        Punctuation.sentenceTerminators[mark].map { String($0) }
    }

    /// Cuts `sentence` at clause marks followed by a space (so `1,000` stays whole) and reads its final punctuation.
    ///
    /// A sentence without final punctuation ends with `.`: chat rarely punctuates, and a falling end sounds natural.
    init(_ sentence: String) {
        let characters = Array(sentence)
        var clauses: [Clause] = []
        var start = 0
        for index in characters.indices where Punctuation.isClauseBreak(characters, at: index) {
            guard let mark = Self.clausePunctuation(characters[index]) else { continue }
            clauses.append(Clause(text: String(characters[start..<index]), punctuation: mark))
            start = index + 1
        }
        var tail = characters[start...]
        while let last = tail.last, last.isWhitespace || Punctuation.closers.contains(last) { tail.removeLast() }
        var endRun: [Character] = []
        while let last = tail.last, Self.endPunctuation(last) != nil {
            endRun.insert(last, at: 0)
            tail.removeLast()
        }
        // "What?!" asks: the first of a run of ?/! decides, a trailing "." of "...?" does not.
        let final = endRun.compactMap(Self.endPunctuation).first { $0 != "." } ?? "."
        clauses.append(Clause(text: String(tail), punctuation: final))
        self.clauses = clauses
    }
}
