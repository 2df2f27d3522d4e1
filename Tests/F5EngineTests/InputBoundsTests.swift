import Logging
import SpeechCore
import Testing

@testable import F5Engine

/// What bounds input from clients and workers: worker log lines, `target_rms` variants, chunk size.
@Suite struct InputBoundsTests {
    @Test func stderrLinesEndAtNewlineOrCarriageReturnAndAreCapped() {
        var splitter = F5LineSplitter()
        #expect(splitter.push(Array("a\r\nb\rc".utf8)) == [.init(text: "a"), .init(text: "b")])
        #expect(splitter.push(Array("d\n".utf8)) == [.init(text: "cd")])
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: F5LineSplitter.maxLineBytes + 100)
        let lines = splitter.push(long + Array("\nnext".utf8))
        #expect(lines.count == 1)
        #expect(lines.first?.truncated == true)
        #expect(lines.first?.text.utf8.count == F5LineSplitter.maxLineBytes)
        #expect(splitter.finish() == .init(text: "next"))
    }

    @Test func targetRMSIsQuantisedToHundredths() {
        #expect(F5Engine.quantisedTargetRMS(0.1) == 10)
        #expect(F5Engine.quantisedTargetRMS(0.1049) == 10)
        #expect(F5Engine.quantisedTargetRMS(0.105) == 11)
        #expect(F5Engine.quantisedTargetRMS(0.001) == 1)
        #expect(F5Engine.quantisedTargetRMS(5) == 100)
        #expect(F5Engine.quantisedTargetRMS(.nan) == 1)
    }

    @Test(.timeLimit(.minutes(1))) func aChunkTooLargeForAHeaderFailsAtOnce() async throws {
        let dispatcher = F5BatchDispatcher(maxBatch: 4, window: .zero, requestTimeout: .seconds(600), logger: Logger(label: "test"))
        let item = F5SynthesisItem(
            itemID: "",
            voiceID: "v",
            text: String(repeating: "a", count: F5ProtocolLimits.maxHeaderBytes),
            duration: 10,
            nfeStep: 8,
            cfgStrength: 2,
            swaySamplingCoef: -1,
            seed: 0
        )
        await #expect(throws: SynthesisError.self) {
            for try await _ in await dispatcher.submit([item]) {}
        }
        #expect(await dispatcher.snapshot().activeRequests == 0)
    }
}
