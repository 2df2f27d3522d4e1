import F5Engine
import Foundation
import Logging
import SpeechCore
import Testing

/// What a standby's start-up and warm-up wait for: a moment with nothing queued or running.
@Suite struct DispatcherQuietTests {
    @Test func quietEndsWithARequestAndStartsAgainWhenItIsGone() async throws {
        // No worker ever comes, so the request stays queued until the timeout fails it.
        let dispatcher = F5BatchDispatcher(maxBatch: 4, window: .zero, requestTimeout: .milliseconds(500), logger: Logger(label: "test"))
        let created = try #require(await dispatcher.quietSince())
        let item = F5SynthesisItem(
            itemID: "",
            voiceID: "v",
            text: "hello",
            duration: 300,
            nfeStep: 4,
            cfgStrength: 2,
            swaySamplingCoef: -1,
            seed: 1
        )
        let audio = await dispatcher.submit([item])
        #expect(await dispatcher.quietSince() == nil)
        await #expect(throws: SynthesisError.self) {
            for try await _ in audio {}
        }
        let quietAgain = try #require(await dispatcher.quietSince())
        #expect(quietAgain > created)
    }

    @Test func quietCountsFromWhenAWorkerBecameReady() async throws {
        // Before a worker was ready no chat line could be served, so that time is not a quiet moment.
        let dispatcher = F5BatchDispatcher(maxBatch: 4, window: .zero, requestTimeout: .seconds(60), logger: Logger(label: "test"))
        let created = try #require(await dispatcher.quietSince())
        let beforeReady = ContinuousClock.now
        // Any process does: the dispatcher only keeps the connection until it sends a batch.
        let command = F5WorkerCommand(python: URL(fileURLWithPath: "/bin/true"), workerPath: URL(fileURLWithPath: "/"))
        let process = try F5WorkerProcess(command: command, index: 0, logger: Logger(label: "test"))
        await dispatcher.workerReady(0, connection: F5WorkerConnection(process: process))
        let quiet = try #require(await dispatcher.quietSince())
        #expect(created < beforeReady && beforeReady <= quiet)
        _ = await process.waitForExit()
    }
}
