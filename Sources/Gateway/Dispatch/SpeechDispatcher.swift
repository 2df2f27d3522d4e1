import AudioIO
import Foundation
public import Logging
public import ServiceLifecycle
public import Speech
import SpeechCore
import Storage

/// Turns the gateway's queue into speech and paces playback: renders the next items ahead (in queue order, one at a
/// time), and announces item N to the players only when N−1 has played (its duration plus a gap) or was stopped.
public struct SpeechDispatcher: Service {
    let gateway: ChatGateway
    let speech: SpeechService
    let settings: DispatcherSettings
    let logger: Logger

    /// Creates a dispatcher; nothing happens until ``run()``.
    public init(gateway: ChatGateway, speech: SpeechService, settings: DispatcherSettings, logger: Logger) {
        self.gateway = gateway
        self.speech = speech
        self.settings = settings
        self.logger = logger
    }

    /// Renders and plays until cancelled or a graceful shutdown; what is left in the queue stays stored for next time.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await renderLoop() }
                group.addTask { await playbackLoop() }
            }
        }
    }

    // MARK: Rendering

    private func renderLoop() async {
        while !Task.isCancelled {
            let plans = gateway.upcoming(limit: settings.renderAhead)
            if let next = plans.first(where: { !$0.isRendered }) {
                await render(next)
            } else {
                await gateway.renderWake.wait(timeout: .seconds(5))
            }
        }
    }

    private func render(_ plan: ChatGateway.RenderPlan) async {
        let id = plan.item.id
        for attempt in 1...2 {
            do {
                let job = try speech.makeJob(text: plan.line, voiceID: plan.item.voiceID, options: SynthesisOptions())
                let started = ContinuousClock.now
                let audio = try await withTimeout(settings.itemTimeout) { try await speech.synthesizeAll(job) }
                let took = ContinuousClock.now - started
                gateway.storeRendered(prepare(audio, line: plan.line, voiceID: job.voice.id, took: took), for: id)
                return
            } catch is CancellationError {
                return
            } catch let error as SynthesisError where error.code == .unavailable && attempt == 1 {
                // A worker died under this item: it is retried once, after the engine is back.
                logger.warning("chat item synthesis failed; retrying once", metadata: ["id": "\(id)", "error": "\(error)"])
                if let engine = try? speech.catalog.require(plan.item.voiceID).engine { try? await engine.waitUntilReady() }
            } catch  where Task.isCancelled {
                return  // shutting down: the item stays queued (and stored) for the next run
            } catch {
                logger.error("chat item synthesis failed", metadata: ["id": "\(id)", "error": "\(error)"])
                gateway.fail(id, detail: String(describing: error))
                return
            }
        }
        if !Task.isCancelled { gateway.fail(id, detail: "the engine failed twice") }
    }

    private func prepare(_ audio: PCMBuffer, line: String, voiceID: String, took: Duration) -> RenderedSpeech {
        var audio = LoudnessMatcher.limited(audio, toSeconds: settings.maxSpeakingSeconds)
        if let target = settings.loudnessTargetDecibels { audio = LoudnessMatcher.match(audio, targetDecibels: target) }
        let wav = (try? AudioEncoder.encode(audio, as: .wav)) ?? Data()
        return RenderedSpeech(wav: wav, duration: audio.duration, caption: line, voiceID: voiceID, renderSeconds: took / .seconds(1))
    }

    // MARK: Playback

    private func playbackLoop() async {
        while !Task.isCancelled {
            guard let current = gateway.startNext() else {
                await gateway.playbackWake.wait(timeout: .seconds(5))
                continue
            }
            await play(current)
        }
    }

    private func play(_ current: CurrentSpeech) async {
        let id = current.item.id
        defer { gateway.finish(id) }
        do {
            try await gateway.store.markSpoken(id)
        } catch {
            logger.error("cannot mark a chat item spoken; it may be spoken again after a restart", metadata: ["error": "\(error)"])
        }
        guard gateway.announce(id) else { return }
        let end = ContinuousClock.now + .seconds(current.audio.duration) + settings.gap
        while gateway.isSpeaking(id), !Task.isCancelled {
            let left = end - .now
            guard left > .zero else { break }
            await gateway.playbackWake.wait(timeout: left)
        }
    }
}

/// Runs `operation`, throwing ``SynthesisError`` `.engineFailure` when it takes longer than `timeout`.
private func withTimeout<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw SynthesisError(.engineFailure, "synthesis took longer than \(timeout)")
        }
        return value
    }
}
