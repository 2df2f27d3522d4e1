import Testing
import TextPrep

@Suite struct PunctuationTests {
    @Test(arguments: [
        ("a, b", 1, true),
        ("1,000", 1, false),  // a digit group is no clause
        ("12:30 ok", 2, false),
        ("end,", 3, true),  // the last character: nothing follows to glue it to
        ("好，好", 1, true),  // CJK marks need no space
        ("好、好", 1, true),
        ("a. b", 1, false),  // a sentence end is not a clause mark
        ("a,\tb", 1, true),  // any whitespace, not only a space
    ])
    func clauseBreaks(_ text: String, _ index: Int, _ expected: Bool) {
        #expect(Punctuation.isClauseBreak(Array(text), at: index) == expected)
    }

    @Test func everyMarkStandsForAnASCIIMark() {
        #expect(Punctuation.clauseMarks["，"] == ",")
        #expect(Punctuation.clauseMarks["、"] == ",")
        #expect(Punctuation.sentenceTerminators["…"] == ".")
        #expect(Punctuation.sentenceTerminators["‼"] == "!")
        #expect(Punctuation.clauseMarks.values.allSatisfy { $0.isASCII })
        #expect(Punctuation.sentenceTerminators.values.allSatisfy { $0.isASCII })
        #expect(Punctuation.cjkSentenceTerminators.allSatisfy { Punctuation.sentenceTerminators[$0] != nil })
    }
}
