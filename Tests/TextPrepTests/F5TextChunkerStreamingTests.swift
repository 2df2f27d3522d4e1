import Testing

@testable import TextPrep

/// `F5TextChunker.chunksForStreaming`: a short first piece, then the official chunking of the rest.
@Suite struct F5TextChunkerStreamingTests {
    static let texts = [
        "Thanks for the raid everyone! Welcome in, grab a snack, we are about to start the ranked grind and I need all the luck.",
        "this is a very long message without any punctuation at all that just keeps going and going like chat messages do",
        "今天天气真不错，我们一起去公园散步吧。你觉得怎么样？好的！那我们下午三点见；别迟到：记得带水。",
        "今天天气真不错我们一起去公园散步吧你觉得怎么样好的那我们下午三点见别迟到记得带水",
        "我今天买了一个 iPhone 15 Pro，真的很好用。Apple 的 design 一直都很 amazing！你呢？",
        "lol that play was insane 😂😂 can you do it again? 🔥 GG everyone! 👍🏽 👨‍👩‍👧 and more words here to be long",
        "The total is 1,234.56 dollars, paid on 2024-03-15 at 10:30. Call 555-0199, or 1.800.FLOWERS now!",
        "Short one. Then a much longer second sentence that goes on and on, far past the first chunk limit.",
    ]

    static func squeezed(_ text: String) -> String { String(text.unicodeScalars.filter { !PythonText.isSpace($0) }) }

    @Test(arguments: texts)
    func firstPieceIsShortAndNothingIsLost(_ text: String) throws {
        let pieces = F5TextChunker.chunksForStreaming(text, maxBytes: 135)
        let first = try #require(pieces.first)
        #expect(first.utf8.count <= 48)
        #expect(first.utf8.count >= F5TextChunker.minimumFirstChunkBytes)
        #expect(Self.squeezed(pieces.joined()) == Self.squeezed(text))
        // The rest is exactly the official chunking of the text after the first piece.
        let rest = text.dropFirst(first.count).drop(while: { $0.isWhitespace })
        #expect(Array(pieces.dropFirst()) == F5TextChunker.chunk(String(rest), maxBytes: 135))
    }

    @Test func prefersClausePunctuationThenWhitespace() {
        let clause = F5TextChunker.chunksForStreaming(
            "Welcome in, grab a snack, we are about to start the ranked grind tonight.",
            maxBytes: 135
        )
        #expect(clause.first == "Welcome in, grab a snack,")
        let spaces = F5TextChunker.chunksForStreaming(
            "this is a very long message without any punctuation at all that keeps going",
            maxBytes: 135
        )
        #expect(spaces.first == "this is a very long message without any")
    }

    @Test func cutsCJKAtPunctuationOrCharacterBoundary() {
        let punctuated = F5TextChunker.chunksForStreaming("今天天气真不错，我们一起去公园散步吧。你觉得怎么样？好的！那我们下午三点见", maxBytes: 300)
        #expect(punctuated.first == "今天天气真不错，")  // the sentence end comes at 54 bytes, past the limit
        let bare = F5TextChunker.chunksForStreaming("今天天气真不错我们一起去公园散步吧你觉得怎么样好的那我们下午三点见", maxBytes: 300)
        #expect(bare.first == "今天天气真不错我们一起去公园散步")  // 16 characters × 3 bytes = 48
    }

    @Test func keepsShortOrUncuttableFirstChunksWhole() {
        let short = "Hello there, chat."
        #expect(F5TextChunker.chunksForStreaming(short, maxBytes: 135) == F5TextChunker.chunk(short, maxBytes: 135))
        // The only whitespace leaves a 2-byte head, and a spaced word is never cut mid-word.
        let word = "Hi " + String(repeating: "a", count: 80)
        #expect(F5TextChunker.chunksForStreaming(word, maxBytes: 135) == [word])
        #expect(F5TextChunker.chunksForStreaming("", maxBytes: 135).isEmpty)
    }

    @Test func maxChunkBytesFallsBackForDegenerateReferences() {
        #expect(F5TextChunker.maxChunkBytes(referenceText: "Hello. ", referenceSeconds: 0, speed: 1) == 135)
        #expect(F5TextChunker.maxChunkBytes(referenceText: "Hello. ", referenceSeconds: 22, speed: 1) == 135)
        #expect(F5TextChunker.maxChunkBytes(referenceText: "Hello. ", referenceSeconds: 5, speed: .nan) == 135)
        // int(7 / 5 * 17 * 1) = int(23.8) = 23
        #expect(F5TextChunker.maxChunkBytes(referenceText: "Hello. ", referenceSeconds: 5, speed: 1) == 23)
    }
}
