import ChatSources
import Testing

@testable import Gateway

/// Arbitrary Unicode through the filters: nothing crashes, limits hold, and no grapheme is ever split.
@Suite struct ChatTextPropertyTests {
    /// A small deterministic generator (SplitMix64), so a failure reproduces from its seed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

        /// Scalars from every plane that matters: ASCII, accents and combining marks, CJK, emoji with joiners and
        /// skin tones, regional indicators, controls, bidi marks and line breaks.
        mutating func text() -> String {
            let pools: [ClosedRange<UInt32>] = [
                0x20...0x7E, 0x00...0x1F, 0x300...0x36F, 0xC0...0x17F, 0x4E00...0x4E80, 0x1F600...0x1F64F, 0x1F3FB...0x1F3FF,
                0x1F1E6...0x1F1FF, 0x200B...0x200F, 0x2028...0x202E, 0xFE0F...0xFE0F, 0x200D...0x200D,
            ]
            var scalars = String.UnicodeScalarView()
            for _ in 0..<int(0...400) {
                let pool = pools[int(0...(pools.count - 1))]
                if let scalar = Unicode.Scalar(pool.lowerBound + UInt32(int(0...Int(pool.upperBound - pool.lowerBound)))) {
                    scalars.append(scalar)
                }
            }
            return String(scalars)
        }
    }

    @Test(arguments: 0..<20)
    func filtersHoldTheirLimitsOnArbitraryUnicode(seed: Int) {
        var generator = Generator(state: UInt64(seed))
        var rules = GatewayRules()
        rules.maxCharacters = generator.int(1...80)
        rules.duplicateWindowSeconds = 0
        var filter = ChatFilter(rules: rules)
        for index in 0..<200 {
            let text = generator.text()
            let emoteEnd = generator.int(0...10)
            let message = TestChat.message(text, id: "\(seed)-\(index)", emotes: [0...emoteEnd])
            guard case .accept(let spoken) = filter.evaluate(message, at: .now) else { continue }
            #expect(spoken.count <= rules.maxCharacters)
            #expect(spoken.contains { $0.isLetter || $0.isNumber })
        }
    }

    @Test(arguments: 0..<20)
    func truncationKeepsWholeGraphemes(seed: Int) {
        var generator = Generator(state: UInt64(1000 + seed))
        for _ in 0..<200 {
            let text = generator.text()
            let limit = generator.int(1...60)
            let cut = ChatText.truncated(text, limit: limit)
            #expect(cut.count <= limit)
            // Every character of the cut is the same character of the original: no cluster was split or merged.
            #expect(Array(text).starts(with: Array(cut)))
            let collapsed = ChatText.collapsingRepeatedCharacters(text, limit: 2)
            #expect(collapsed.count <= text.count)
        }
    }
}
