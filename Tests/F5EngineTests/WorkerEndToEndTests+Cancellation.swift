import F5Engine
import Foundation
import SpeechCore
import TestSupport
import Testing

/// A consumer that goes away frees the work it no longer wants.
extension WorkerEndToEndTests {
    @Test(.timeLimit(.minutes(10))) func aDroppedStreamDropsItsQueuedChunks() async throws {
        let fixture = try F5TestFixture()
        let engine = try await fixture.makeEngine(maxBatch: 1)
        let text = (1...6).map { "This is sentence number \($0), and it goes on long enough to need a chunk of its own." }
            .joined(separator: " ")
        try await withRunning(engine) {
            var received = 0
            for try await _ in engine.synthesize(SynthesisRequest(text: text, voiceID: F5TestFixture.voiceID)) {
                received += 1
                break  // the listener goes away after the first chunk
            }
            #expect(received == 1)
            let plan = await fixture.events.wait { if case .requestPlanned = $0 { true } else { false } }
            guard case .requestPlanned(_, let planned) = plan else { return }
            #expect(planned == 4)  // recorded: the short first chunk, then the rest packed into chunks of the reference's size

            let cancelled = await fixture.events.wait { if case .requestCancelled = $0 { true } else { false } }
            guard case .requestCancelled(let dropped) = cancelled else { return }
            #expect(dropped > 0)
            let snapshot = await engine.dispatcher.snapshot()
            #expect(snapshot.queuedItems == 0)
            #expect(snapshot.activeRequests == 0)
            let stats = try await engine.supervisor.stats(ofWorker: 0)
            #expect(stats.items < planned)
        }
    }
}
