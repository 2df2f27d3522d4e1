import F5Engine
import Foundation
import Logging
import PiperEngine
import SpeechCore
import TestSupport
import Testing

@testable import Speech

/// Each engine admits its own requests: a busy CPU voice does not hold back the F5 batcher, and a job holds its
/// engine's permit from the moment ``SpeechService/start(_:)`` returns until its stream ends.
@Suite struct SpeechServiceAdmissionTests {
    let logger = Logger(label: "SpeechTests")

    /// What an engine's limiter reported.
    struct Report: Sendable, Equatable {
        let engine: EngineID
        let occupancy: ConcurrencyLimiter.Occupancy
    }
    let reports = EventRecorder<Report>()

    func makeService(piper: EngineAdmission, f5 f5Admission: EngineAdmission, f5Engine: F5Engine? = nil) async throws -> SpeechService {
        let piperEngine = try await PiperEngine.load(
            voices: [PiperVoiceDefinition(id: "joe", model: ProjectPaths.defaultPiperModel)],
            settings: PiperEngineSettings(),
            logger: logger
        )
        // Without a running F5 engine, F5 jobs are admitted, then fail as unavailable.
        let f5: F5Engine
        if let f5Engine { f5 = f5Engine } else { f5 = try await F5TestFixture().makeEngine() }
        let catalog = try await VoiceCatalog.build(engines: [piperEngine, f5], defaultVoiceID: "joe")
        let reports = reports
        return SpeechService(
            catalog: catalog,
            maxTextCharacters: 500,
            admission: [.piper: piper, .f5: f5Admission],
            occupancyObserver: { engine, occupancy in reports.observer(Report(engine: engine, occupancy: occupancy)) }
        )
    }

    @Test(.timeLimit(.minutes(5))) func aFullEngineRefusesAsBusyWhileAnotherEngineStillServes() async throws {
        let fixture = try F5TestFixture()
        let f5Engine = try await fixture.makeEngine()
        try await withRunning(f5Engine) {
            let speech = try await makeService(
                piper: EngineAdmission(maxParallel: 1, maxWaiting: 0),
                f5: EngineAdmission(maxParallel: 1, maxWaiting: 0),
                f5Engine: f5Engine
            )
            let f5Job = try speech.makeJob(text: "Cloned voice, please.", voiceID: F5TestFixture.voiceID, options: SynthesisOptions())
            let worker = try #require(await f5Engine.supervisor.statuses().first?.pid)
            // A stopped worker keeps the first F5 job, and so its permit, in flight.
            let held = try await withProcessStopped(worker) {
                let held = try await speech.start(f5Job)
                await #expect(throws: SynthesisError.busy(engine: .f5)) { _ = try await speech.start(f5Job) }
                // The CPU voice has its own limiter: it still admits and speaks.
                let piperJob = try speech.makeJob(text: "Piper is free.", voiceID: "joe", options: SynthesisOptions())
                let audio = try await PCMBuffer(collecting: try await speech.start(piperJob))
                #expect(audio.duration > 0.5)
                return held
            }
            _ = try await PCMBuffer(collecting: held)
            // The finished job gave its permit back.
            _ = try await PCMBuffer(collecting: try await speech.start(f5Job))
        }
    }

    @Test(.timeLimit(.minutes(2))) func aDroppedStreamGivesItsPermitBack() async throws {
        let speech = try await makeService(piper: EngineAdmission(maxParallel: 1, maxWaiting: 0), f5: EngineAdmission(maxParallel: 1))
        let job = try speech.makeJob(text: "Nobody listens to this one. Or to this sentence.", voiceID: nil, options: SynthesisOptions())
        for try await _ in try await speech.start(job) { break }  // the listener leaves after the first chunk
        // The engine stops at its next sentence boundary and the permit comes back.
        await reports.wait { $0 == Report(engine: .piper, occupancy: .init(running: 0, waiting: 0)) }
        let audio = try await PCMBuffer(collecting: try await speech.start(job))
        #expect(audio.duration > 1)
    }

    @Test(.timeLimit(.minutes(2))) func anEngineNameThatDoesNotMatchTheVoiceIsAnInvalidOption() async throws {
        let speech = try await makeService(piper: EngineAdmission(maxParallel: 1), f5: EngineAdmission(maxParallel: 1))
        #expect(throws: SynthesisError.invalidOption("engine", "'f5' does not match voice 'joe' (engine piper)")) {
            _ = try speech.makeJob(text: "hi", voiceID: "joe", engine: "f5", options: SynthesisOptions())
        }
        #expect(try speech.makeJob(text: "hi", voiceID: "joe", engine: "PIPER", options: SynthesisOptions()).voice.id == "joe")
    }
}
