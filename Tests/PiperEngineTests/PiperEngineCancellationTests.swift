import Foundation
import Logging
import PiperEngine
import SpeechCore
import TestSupport
import Testing

/// Hands the engine's log events to the test, which waits for "synthesis ended" instead of sleeping.
private struct EventLogHandler: LogHandler {
    let events: AsyncStream<LogEvent>.Continuation
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .debug

    func log(event: LogEvent) { events.yield(event) }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}

@Suite struct PiperEngineCancellationTests {
    enum StopKind: CaseIterable { case dropTheStream, cancelTheTask }

    static let sixSentences = """
        This is the first sentence. Here comes the second one. And now a third. The fourth follows. \
        Then the fifth sentence. Finally, the sixth.
        """

    @Test(.timeLimit(.minutes(2)), arguments: StopKind.allCases)
    func stoppingAfterTheFirstChunkStopsBeforeTheRest(kind: StopKind) async throws {
        let (events, continuation) = AsyncStream.makeStream(of: LogEvent.self)
        // A second engine with its own logger, so the shared engine's other requests cannot be mistaken for ours.
        let engine = try PiperEngine(
            voices: [SharedPiperEngine.definition],
            settings: PiperEngineSettings(),
            logger: Logger(label: "cancellation-test") { _ in EventLogHandler(events: continuation) }
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

        var ended: LogEvent?
        for await event in events where event.message.description == "synthesis ended" {
            ended = event
            break
        }
        let renderedText = try #require(ended?.metadata?["rendered"]?.description)
        let rendered = try #require(Int(renderedText))
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
