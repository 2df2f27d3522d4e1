import Testing

@testable import F5Engine

/// Streaming the cross-fade gives exactly the samples of official's join of whole waves.
@Suite struct StreamingCrossFadeTests {
    @Test func streamedChunksEqualTheOfficialJoin() {
        let chunks: [[Float]] = [
            (0..<10).map { Float($0) }, (0..<3).map { Float(100 + $0) }, (0..<8).map { Float(200 + $0) }, [7],
        ]
        for overlap in [0, 1, 2, 4, 12] {
            var fader = F5StreamingCrossFade(overlap: overlap)
            var streamed: [Float] = []
            for (index, chunk) in chunks.enumerated() {
                streamed += fader.push(chunk, isLast: index == chunks.count - 1)
            }
            #expect(streamed == Self.officialJoin(chunks, crossFadeSamples: overlap), "overlap \(overlap)")
        }
    }

    @Test func nothingIsHeldBackFromTheLastChunk() {
        var fader = F5StreamingCrossFade(overlap: 4)
        #expect(fader.push([1, 1, 1, 1, 1, 1], isLast: false) == [1, 1])
        #expect(fader.push([0, 0, 0, 0, 0, 0], isLast: true).count == 6)
    }

    /// `infer_batch_process`'s loop, transcribed.
    static func officialJoin(_ waves: [[Float]], crossFadeSamples: Int) -> [Float] {
        guard var final = waves.first else { return [] }
        for next in waves.dropFirst() {
            let n = min(crossFadeSamples, final.count, next.count)
            if n <= 0 {
                final += next
                continue
            }
            let previousOverlap = final.suffix(n)
            let fadeOut: [Float] = n == 1 ? [1] : (0..<n).map { 1 - Float($0) / Float(n - 1) }
            let fadeIn: [Float] = n == 1 ? [0] : (0..<n).map { Float($0) / Float(n - 1) }
            let blended = (0..<n).map { previousOverlap[previousOverlap.startIndex + $0] * fadeOut[$0] + next[$0] * fadeIn[$0] }
            final = Array(final.dropLast(n)) + blended + Array(next.dropFirst(n))
        }
        return final
    }
}
