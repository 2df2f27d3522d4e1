import F5Engine
import Foundation
import SpeechCore
import TestSupport
import Testing

extension WorkerEndToEndTests {
    /// A standby worker takes over the moment the serving one dies: the next request runs on it without waiting for a
    /// restart, and the dead worker comes back as the new standby.
    @Test(.timeLimit(.minutes(10))) func theStandbyTakesOverWhenTheServingWorkerDiesAndTheRestartedOneStandsBy() async throws {
        let fixture = try F5TestFixture()
        let engine = try await fixture.makeEngine(standby: .on)
        try await withRunning(engine) {
            _ = await fixture.events.wait { if case .standbyReady(worker: 1, _) = $0 { true } else { false } }
            #expect(await engine.supervisor.statuses().map(\.state) == [.ready, .standby])
            // Prepared without its warm-up, it warms up once the engine is quiet (nothing to capture on the CPU).
            _ = await fixture.events.wait { $0 == .workerWarmed(worker: 1, graphs: 0) }
            #expect(await engine.health().status == .ok)
            let servingPID = try #require(await engine.supervisor.statuses().first?.pid)

            kill(servingPID, SIGKILL)
            _ = await fixture.events.wait { $0 == .standbyPromoted(worker: 1, replacing: 0) }
            let request = SynthesisRequest(text: "Back already?", voiceID: F5TestFixture.voiceID)
            let audio = try await PCMBuffer(collecting: engine.synthesize(request))
            #expect(audio.samples.count == Self.backAlreadySamples)
            let dispatched = fixture.events.events.compactMap { event -> Int? in
                if case .batchDispatched(let worker, _, _) = event { worker } else { nil }
            }
            #expect(dispatched == [1])

            let standby = await fixture.events.wait { if case .standbyReady(worker: 0, _) = $0 { true } else { false } }
            guard case .standbyReady(_, let newPID) = standby else { return }
            #expect(newPID != servingPID)
            #expect(await engine.supervisor.statuses().map(\.state) == [.standby, .ready])
            #expect(await engine.health().status == .ok)
        }
    }

    /// A standby shares its device with the serving worker, so it is not even spawned while the engine has had work
    /// within the quiet period (an hour here): chat lines right after start do not compete with its start-up.
    @Test(.timeLimit(.minutes(10))) func theStandbyWaitsForAQuietMomentToStart() async throws {
        let fixture = try F5TestFixture()
        let engine = try await fixture.makeEngine(standby: .on, quietPeriod: .seconds(3600))
        try await withRunning(engine) {
            _ = await fixture.events.wait { if case .workerReady(worker: 0, _) = $0 { true } else { false } }
            let request = SynthesisRequest(text: "Back already?", voiceID: F5TestFixture.voiceID)
            let audio = try await PCMBuffer(collecting: engine.synthesize(request))
            #expect(audio.samples.count == Self.backAlreadySamples)
            // The standby's slot exists (decided when worker 0 became ready), but no process was started for it.
            let statuses = await engine.supervisor.statuses()
            #expect(statuses.map(\.state) == [.ready, .starting])
            #expect(statuses.last?.pid == nil)
            #expect(await engine.health().status == .ok)  // serving in full; the spare waits without failing
            #expect(!fixture.events.events.contains { if case .standbyReady = $0 { true } else { false } })
        }
    }

    /// With `auto`, a CPU device gets no standby: the worker reports no device memory, and a second CPU worker would
    /// compete with the first for the cores.
    @Test(.timeLimit(.minutes(10))) func automaticStandbyStaysOffOnTheCPU() async throws {
        let fixture = try F5TestFixture()
        let engine = try await fixture.makeEngine(standby: .auto)
        try await withRunning(engine) {
            _ = await fixture.events.wait { $0 == .standbySkipped(device: "cpu") }
            #expect(await engine.supervisor.statuses().map(\.state) == [.ready])
        }
    }

    /// Samples the engine produces for "Back already?" (recorded).
    static let backAlreadySamples = 31_232
}
