import F5Engine
import Foundation
import SpeechCore
import TestSupport
import Testing

/// A worker that cannot start at all (a broken install) fails requests at once with the reason, instead of
/// letting them wait for the request timeout.
@Suite struct WorkerStartupFailureTests {
    @Test(.timeLimit(.minutes(1))) func aMissingPythonFailsRequestsWithTheReason() async throws {
        let fixture = try F5TestFixture()
        var settings = fixture.settings()
        settings.pool.command.python = fixture.directory.appendingPathComponent("no-such-python")
        let engine = try await F5Engine.load(
            voices: [fixture.voice],
            settings: settings,
            logger: F5TestFixture.logger,
            observer: fixture.events.observer
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await engine.run() }
            await fixture.events.wait { if case .workerRestarting = $0 { true } else { false } }
            let health = await engine.health()
            #expect(health.status == .unavailable)
            do {
                for try await _ in engine.synthesize(SynthesisRequest(text: "Hello.", voiceID: F5TestFixture.voiceID)) {}
                Issue.record("synthesis succeeded without a worker")
            } catch let error as SynthesisError {
                #expect(error.code == .unavailable)
                #expect(error.message.contains("no-such-python"))
            }
            group.cancelAll()
        }
    }

    @Test(.timeLimit(.minutes(1))) func waitingForReadinessFailsWhenNoWorkerCanStartOrTheSupervisorStops() async throws {
        let fixture = try F5TestFixture()
        var settings = fixture.settings()
        settings.pool.command.python = fixture.directory.appendingPathComponent("no-such-python")
        let engine = try await F5Engine.load(
            voices: [fixture.voice],
            settings: settings,
            logger: F5TestFixture.logger,
            observer: fixture.events.observer
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await engine.run() }
            // Waiting from before the first failure: resumed by the failure, not left hanging.
            await #expect(throws: SynthesisError.self) { try await engine.waitUntilReady() }
            group.cancelAll()
            try await group.waitForAll()
        }
        await #expect(throws: SynthesisError.self) { try await engine.waitUntilReady() }
        // A stopped engine refuses at once instead of queuing for a worker that will never come.
        await #expect(throws: SynthesisError(.unavailable, "the F5 workers are stopped")) {
            for try await _ in engine.synthesize(SynthesisRequest(text: "Hi.", voiceID: F5TestFixture.voiceID)) {}
        }
    }

    @Test func anUnknownVoiceOrBadOptionFailsBeforeAnyWorkIsQueued() async throws {
        let fixture = try F5TestFixture()
        let engine = try await fixture.makeEngine()  // not running: these must fail before needing a worker
        await #expect(throws: SynthesisError.unknownVoice("nobody")) {
            for try await _ in engine.synthesize(SynthesisRequest(text: "Hi.", voiceID: "nobody")) {}
        }
        let request = SynthesisRequest(text: "Hi.", voiceID: F5TestFixture.voiceID, options: SynthesisOptions(speed: 10))
        await #expect(throws: SynthesisError.self) {
            for try await _ in engine.synthesize(request) {}
        }
    }
}
