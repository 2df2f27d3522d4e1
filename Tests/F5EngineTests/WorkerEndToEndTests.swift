import F5Engine
import Foundation
import SpeechCore
import TestSupport
import Testing

/// The F5 engine with the real worker process (random-init `tiny` model on the CPU): reference variants, worker
/// death and restart, and cancellation (``WorkerEndToEndTests+Cancellation.swift``). Through HTTP: APIServerTests.
/// Serialized: each test starts a PyTorch worker.
@Suite(.serialized) struct WorkerEndToEndTests {
    static let text = "Hello chat, thanks for the follow! This is a longer second sentence that keeps going for a while. And a third."

    @Test(.timeLimit(.minutes(10))) func anotherTargetRMSUsesAVariantOfTheReference() async throws {
        let fixture = try F5TestFixture()
        let engine = try await fixture.makeEngine()
        let text = "A quieter reference, please."
        try await withRunning(engine) {
            let audio = try await PCMBuffer(
                collecting: engine.synthesize(SynthesisRequest(text: text, voiceID: F5TestFixture.voiceID, options: SynthesisOptions(targetRMS: 0.2)))
            )
            #expect(audio.samples.count == Self.quieterReferenceSamples)
            // Concurrent requests needing the same new variant (0.3 and 0.3001 quantise alike) all wait for its one
            // preparation instead of reaching the worker before it has the voice.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for rms in [0.3, 0.3001, 0.3] {
                    group.addTask {
                        let request = SynthesisRequest(text: text, voiceID: F5TestFixture.voiceID, options: SynthesisOptions(targetRMS: rms))
                        for try await _ in engine.synthesize(request) {}
                    }
                }
                try await group.waitForAll()
            }
        }
        let planned = fixture.events.events.compactMap { event -> String? in
            if case .requestPlanned(let voice, _) = event { voice } else { nil }
        }
        #expect(planned == ["tone@rms=0.20"] + Array(repeating: "tone@rms=0.30", count: 3))
    }

    @Test(.timeLimit(.minutes(10))) func killingTheWorkerMidRequestFailsItCleanlyAndTheNextRequestSucceeds() async throws {
        let fixture = try F5TestFixture()
        let engine = try await fixture.makeEngine(maxBatch: 1)
        try await withRunning(engine) {
            let pid = try #require(await engine.supervisor.statuses().first?.pid)
            // SIGKILL the worker at the very moment the request's second chunk is handed to it.
            fixture.events.onFirst(where: { $0 == .batchDispatched(worker: 0, batch: 2, items: 1) }) { _ in kill(pid, SIGKILL) }
            let request = SynthesisRequest(text: Self.text, voiceID: F5TestFixture.voiceID)
            do {
                _ = try await PCMBuffer(collecting: engine.synthesize(request))
                Issue.record("the request succeeded although its worker was killed")
            } catch let error as SynthesisError {
                #expect(error.code == .unavailable)
                #expect(error.message.contains("F5 worker 0 exited (status 9, killed by a signal)"))
            }
            // The supervisor restarts the worker; the next request is served by the new process.
            let restarted = await fixture.events.wait(occurrence: 2) { if case .workerReady = $0 { true } else { false } }
            guard case .workerReady(_, let newPID) = restarted else { return }
            #expect(newPID != pid)
            let audio = try await PCMBuffer(collecting: engine.synthesize(request))
            #expect(audio.samples.count == Self.textSamples)
        }
    }

    // MARK: Recorded values

    /// Samples the engine produces for ``text`` (recorded; the HTTP tests assert the same number).
    static let textSamples = 260_848
    /// Samples for "A quieter reference, please." (recorded).
    static let quieterReferenceSamples = 67_840
}
