import Testing

@testable import TextPrep

@Suite struct SentenceSplitterTests {
    let splitter = SentenceSplitter()

    @Test func splitsAtSentencePunctuationAndKeepsIt() {
        #expect(splitter.split("Hello there. How are you? Great!") == ["Hello there.", "How are you?", "Great!"])
    }

    @Test func keepsClosingQuotesAndBracketsWithTheirSentence() {
        #expect(
            splitter.split(#"He said "stop." Then he left. (It was late.) Fine"#) == [
                #"He said "stop.""#, "Then he left.", "(It was late.)", "Fine",
            ]
        )
        #expect(splitter.split("「你好。」他说。") == ["「你好。」", "他说。"])
    }

    @Test func splitsCJKWithoutSpaces() {
        #expect(splitter.split("你好。你好吗？我很好！") == ["你好。", "你好吗？", "我很好！"])
    }

    @Test func doesNotSplitAbbreviationsDecimalsOrURLs() {
        #expect(splitter.split("Mr. Smith paid 3.14 dollars, e.g. for pie. Done.") == ["Mr. Smith paid 3.14 dollars, e.g. for pie.", "Done."])
        #expect(splitter.split("The U.S. economy grew. It was fine.") == ["The U.S. economy grew.", "It was fine."])
        #expect(
            splitter.split("Visit https://example.com/a.b?c=1 now! Or www.test.org. Thanks") == [
                "Visit https://example.com/a.b?c=1 now!", "Or www.test.org.", "Thanks",
            ]
        )
        #expect(splitter.split("J. K. Rowling wrote it. Dr. Who watched.") == ["J. K. Rowling wrote it.", "Dr. Who watched."])
    }

    @Test func ellipsisSplitsOnlyBeforeACapitalisedWord() {
        #expect(splitter.split("wait... what is that… no way. Hmm... Okay then.") == ["wait... what is that… no way.", "Hmm...", "Okay then."])
    }

    @Test func runsOfPunctuationStayTogether() {
        #expect(splitter.split("What?! No way!!! ok") == ["What?!", "No way!!!", "ok"])
    }

    @Test func punctuationOnlyPiecesJoinThePreviousSentence() {
        #expect(splitter.split("Really? ??? Yes.") == ["Really????", "Yes."])
        #expect(splitter.split("...") == ["..."])
    }

    @Test func trimsCollapsesWhitespaceAndDropsEmptyPieces() {
        #expect(splitter.split("  hello \n\t  world.   \n  ") == ["hello world."])
        #expect(splitter.split("   \n  ").isEmpty)
        #expect(splitter.split("").isEmpty)
    }

    @Test func blankLineEndsASentence() {
        #expect(splitter.split("first line\n\nsecond line") == ["first line", "second line"])
    }

    @Test func longSentencesAreCutAtACommaOrSpaceWithinTheBound() {
        let splitter = SentenceSplitter(maxCharacters: 40)
        let text = "this is a rather long chat message, it keeps going and going without any full stop at all"
        let pieces = splitter.split(text)
        #expect(pieces.allSatisfy { $0.count <= 40 })
        #expect(pieces.first == "this is a rather long chat message,")
        #expect(pieces.joined(separator: " ") == text)
    }

    @Test func anEndlessWordIsCutHard() {
        let pieces = SentenceSplitter(maxCharacters: 20).split(String(repeating: "a", count: 50))
        #expect(pieces.map(\.count) == [20, 20, 10])
    }

    @Test func numberCommasAreNotClauseBreaks() {
        let pieces = SentenceSplitter(maxCharacters: 30).split("we counted 1,000,000 stars and then some more of them")
        #expect(pieces.allSatisfy { $0.count <= 30 })
        #expect(pieces.first?.hasSuffix("1,") == false)
    }
}
