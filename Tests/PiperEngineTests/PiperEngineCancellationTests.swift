import Foundation
import Logging
import PiperEngine
import SpeechCore
import TestSupport
import Testing

@Suite struct PiperEngineCancellationTests {
    enum StopKind: CaseIterable { case dropTheStream, cancelTheTask }

    static let sixSentences = """
        This is the first sentence. Here comes the second one. And now a third. The fourth follows. \
        Then the fifth sentence. Finally, the sixth.
        """

    @Test(.timeLimit(.minutes(2)), arguments: StopKind.allCases)
    func stoppingAfterTheFirstChunkStopsBeforeTheRest(kind: StopKind) async throws {
        let events = EventRecorder<PiperEngineEvent>()
        // A second engine with its own observer, so the shared engine's other requests cannot be mistaken for ours.
        let engine = try PiperEngine(
            voices: [SharedPiperEngine.definition],
            settings: PiperEngineSettings(),
            logger: Logger(label: "cancellation-test"),
            observer: events.observer
        )
        let request = SynthesisRequest(text: Self.sixSentences, voiceID: SharedPiperEngine.voiceID)
        let received: Int
        switch kind {
        case .dropTheStream:
            // The stream is released when this call returns: the consumer is gone.
            received = try await Self.firstChunkCount(of: engine.synthesize(request))
        case .cancelTheTask:
            let consumer = Task {
                var count = 0
                for try await _ in engine.synthesize(request) {
                    count += 1
                    withUnsafeCurrentTask { $0?.cancel() }
                }
                return count
            }
            received = try await consumer.value
        }

        let ended = await events.wait { if case .synthesisEnded = $0 { true } else { false } }
        guard case .synthesisEnded(_, let rendered, let pieces) = ended else { return }
        #expect(pieces == 6)
        print("\(kind): received \(received) chunk(s); the engine rendered \(rendered) of 6 sentences")
        #expect(received == 1)
        // The sentence already in flight when the consumer stopped may finish; none after it starts.
        #expect(rendered <= 2)
    }

    /// Reads one chunk and lets go of `stream`.
    private static func firstChunkCount(of stream: AsyncThrowingStream<AudioChunk, any Error>) async throws -> Int {
        for try await _ in stream { return 1 }
        return 0
    }
}
