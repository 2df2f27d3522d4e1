import F5Engine
import Foundation
import SpeechCore
import Testing

/// A consumer that goes away frees the work it no longer wants.
extension WorkerEndToEndTests {
    @Test(.timeLimit(.minutes(10))) func aDroppedStreamDropsItsQueuedChunks() async throws {
        let fixture = try F5TestFixture()
        let engine = try await fixture.makeEngine(maxBatch: 1)
        let text = (1...6).map { "This is sentence number \($0), and it goes on long enough to need a chunk of its own." }
            .joined(separator: " ")
        let planned = try fixture.expectedOutput(for: text).chunks.count
        #expect(planned >= 4)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await engine.run() }
            try await engine.supervisor.waitUntilReady()

            var received = 0
            for try await _ in engine.synthesize(SynthesisRequest(text: text, voiceID: F5TestFixture.voiceID)) {
                received += 1
                break  // the listener goes away after the first chunk
            }
            #expect(received == 1)

            let cancelled = await fixture.recorder.wait(for: "F5 request cancelled")
            #expect((Int(cancelled.metadata["dropped_items"] ?? "") ?? 0) > 0)
            let snapshot = await engine.dispatcher.snapshot()
            #expect(snapshot.queuedItems == 0)
            #expect(snapshot.activeRequests == 0)
            let stats = try await engine.supervisor.stats(ofWorker: 0)
            #expect(stats.items < planned)
            group.cancelAll()
        }
    }
}
