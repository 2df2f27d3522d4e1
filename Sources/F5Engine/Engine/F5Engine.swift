import AudioIO
import Foundation
public import Logging
import OrderedCollections
public import SpeechCore
import Synchronization

/// F5-TTS voice cloning: Swift plans, batches, cross-fades and streams; Python worker processes run the model.
///
/// Create it with ``load(voices:settings:logger:observer:)`` (decodes and prepares every reference clip), then run it:
/// ``run()`` supervises the workers until graceful shutdown. Requests made before a worker is ready wait in the queue (up to the
/// request timeout), including those made before `run()` started them; requests made after it stopped fail as `engine_unavailable`.
///
/// Each chunk is streamed as soon as it and every chunk before it are done, with the official 0.15 s linear
/// cross-fade applied across chunk boundaries (the last `cross_fade_duration` of each chunk is held back until the
/// next one arrives). A request's `target_rms` other than the configured one prepares (once) a variant of the
/// reference at that loudness, as official does per call. To bound memory (each variant is about 1 MB, cached on
/// every worker), `target_rms` is quantised to 0.01 steps (rounded to two decimals, clamped to 0.01...1.0) both for the
/// cache key and for the audio actually prepared, so equal keys mean equal audio and at most about 100 variants per
/// voice can exist; a value that rounds to the configured `target_rms` uses the base reference. `remove_silence` needs the whole utterance, so a request that sets it gets its audio as one
/// chunk at the end; streaming clients should leave it off.
///
/// ```swift
/// let engine = try await F5Engine.load(voices: [walter], settings: settings, logger: logger)
/// group.addTask { try await engine.run() }   // the composition root does this for every engine
/// try await engine.waitUntilReady()
/// for try await chunk in engine.synthesize(SynthesisRequest(text: "Hello chat!", voiceID: "walter")) { … }
/// ```
public final class F5Engine: TTSEngine {
    /// Always ``EngineID/f5``.
    public let id: EngineID = .f5
    /// The name voices report as their engine label.
    public let label = "F5-TTS"

    /// The worker supervisor (status, stats).
    public let supervisor: F5WorkerSupervisor
    /// The cross-request batching scheduler.
    public let dispatcher: F5BatchDispatcher

    /// Voices by id: the configured ones (in order) and those added at run time.
    private let loadedVoices: Mutex<OrderedDictionary<String, F5LoadedVoice>>
    /// The configured voices' ids, which ``removeVoice(id:)`` leaves alone.
    private let configuredIDs: Set<String>
    private let variants = Mutex<[String: F5LoadedVoice]>([:])
    private let settings: F5EngineSettings
    private let logger: Logger
    private let observer: F5EngineObserver?

    /// Loads and prepares every voice's reference clip; throws ``SynthesisError`` `.modelLoadFailed` naming the file.
    ///
    /// `observer` hears what the engine does (``F5EngineEvent``), synchronously.
    public static func load(
        voices: [ClonedVoiceDefinition],
        settings: F5EngineSettings,
        logger: Logger,
        observer: F5EngineObserver? = nil
    ) async throws(SynthesisError) -> F5Engine {
        var loaded: [F5LoadedVoice] = []
        for definition in voices {
            guard !loaded.contains(where: { $0.id == definition.id }) else {
                throw SynthesisError(.modelLoadFailed, "F5 voice id '\(definition.id)' is defined twice")
            }
            let voice = try await prepare(definition, targetRMS: settings.targetRMS)
            logger.info(
                "prepared F5 voice",
                metadata: [
                    "voice": "\(definition.id)", "reference": "\(definition.referenceAudio.path)",
                    "seconds": "\(voice.referenceSeconds)", "frames": "\(voice.referenceFrames)",
                ]
            )
            loaded.append(voice)
        }
        return F5Engine(voices: loaded, settings: settings, logger: logger, observer: observer)
    }

    private init(voices: [F5LoadedVoice], settings: F5EngineSettings, logger: Logger, observer: F5EngineObserver?) {
        self.loadedVoices = Mutex(OrderedDictionary(uniqueKeysWithValues: voices.map { ($0.id, $0) }))
        self.configuredIDs = Set(voices.map(\.id))
        self.settings = settings
        self.logger = logger
        self.observer = observer
        self.dispatcher = F5BatchDispatcher(
            maxBatch: settings.maxBatch,
            window: settings.batchWindow,
            requestTimeout: settings.pool.requestTimeout,
            logger: logger,
            observer: observer
        )
        self.supervisor = F5WorkerSupervisor(
            settings: settings.pool,
            voices: voices.map { F5WorkerVoice(id: $0.id, samples: $0.reference.audio.samples, warmDurations: $0.likelyDurations) },
            dispatcher: dispatcher,
            logger: logger,
            observer: observer
        )
    }

    /// Supervises the workers until graceful shutdown (or cancellation), then stops them.
    public func run() async throws {
        try await supervisor.run()
    }

    /// Waits until a worker is ready; throws ``SynthesisError`` `.unavailable` when none can start or the engine stopped.
    public func waitUntilReady() async throws {
        try await supervisor.waitUntilReady()
    }

    /// The configured voices in order, then those added at run time (available before the workers are).
    public func voices() async -> [Voice] { loadedVoices.withLock { $0.values.map(Self.describe) } }

    /// The languages F5TTS_v1_Base was trained on (Emilia: Chinese and English); a voice speaks them whatever its
    /// clip's language.
    public static let modelLanguages = ["zh", "en"]

    /// The voice as clients see it.
    private static func describe(_ voice: F5LoadedVoice) -> Voice {
        let definition = voice.definition
        var languages = definition.languages ?? [definition.language]
        if definition.languages == nil {
            for language in modelLanguages where !languages.contains(where: { primaryLanguage($0) == language }) { languages.append(language) }
        }
        return Voice(
            id: voice.id,
            engine: .f5,
            engineLabel: "F5-TTS",
            language: definition.language,
            languages: languages,
            sampleRate: F5ProtocolLimits.sampleRate,
            referenceText: voice.definition.referenceText,
            revision: voice.reference.audio.samples.hashValue
        )
    }

    /// `ok` when every configured worker serves and none is failing (a standby still starting is fine: it waits for
    /// a quiet moment, which a busy chat may not give for a while), `degraded` when some serve, `unavailable` when none
    /// does (or none was started). The detail names every worker's state.
    public func health() async -> EngineHealth {
        guard await supervisor.isRunning else {
            return EngineHealth(status: .unavailable, detail: "F5 workers are not started")
        }
        let statuses = await supervisor.statuses()
        let ready = statuses.filter { $0.state == .ready }.count
        let failing = statuses.contains { $0.state == .restarting }
        let detail = statuses.map { status in
            "worker \(status.index) (\(status.device)): \(status.state.rawValue)" + (status.lastError.map { " – \($0)" } ?? "")
        }.joined(separator: "; ")
        if ready >= settings.pool.workerCount && !failing { return EngineHealth(status: .ok, detail: detail) }
        return EngineHealth(status: ready > 0 ? .degraded : .unavailable, detail: detail)
    }

    /// Synthesises `request` chunk by chunk; see the type's documentation for streaming and cross-fade.
    public func synthesize(_ request: SynthesisRequest) -> AsyncThrowingStream<AudioChunk, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: AudioChunk.self)
        guard let base = loadedVoices.withLock({ $0[request.voiceID] }) else {
            continuation.finish(throwing: SynthesisError.unknownVoice(request.voiceID))
            return stream
        }
        do {
            _ = try F5SynthesisPlan(request: request, voice: base, settings: settings)  // refuse bad options at once
        } catch {
            continuation.finish(throwing: error)
            return stream
        }
        let supervisor = self.supervisor
        let dispatcher = self.dispatcher
        let logger = self.logger
        let task = Task {
            do {
                // Before `run()` has started the workers, requests wait in the queue like any other.
                guard await !supervisor.hasStopped else { throw SynthesisError(.unavailable, "the F5 workers are stopped") }
                if let failure = await supervisor.startupFailure() {
                    throw SynthesisError(.unavailable, "no F5 worker could start: \(failure)")
                }
                let voice = try await self.voice(base, targetRMS: request.options.targetRMS)
                let plan = try F5SynthesisPlan(request: request, voice: voice, settings: self.settings)
                logger.debug("F5 request planned", metadata: ["voice": "\(voice.id)", "chunks": "\(plan.chunks.count)"])
                self.observer?(.requestPlanned(voice: voice.id, chunks: plan.chunks.count))
                let audio = await dispatcher.submit(plan.items, allAtOnce: plan.allAtOnce)
                try await Self.stream(audio, plan: plan, voice: voice, into: continuation)
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    // MARK: Internals

    /// `base`, or its variant prepared at a request's own `target_rms` (prepared once, then cached on every worker).
    ///
    /// `target_rms` is quantised with ``quantisedTargetRMS(_:)`` first (see the type's documentation).
    private func voice(_ base: F5LoadedVoice, targetRMS: Double?) async throws -> F5LoadedVoice {
        guard let targetRMS else { return base }
        let steps = Self.quantisedTargetRMS(targetRMS)
        guard steps != Self.quantisedTargetRMS(settings.targetRMS) else { return base }
        let key = "\(base.id)@\(steps)"
        let variant: F5LoadedVoice
        if let cached = variants.withLock({ $0[key] }) {
            variant = cached
        } else {
            let prepared = try base.variant(targetRMSSteps: steps)
            variant = variants.withLock { variants in
                if let raced = variants[key] { return raced }
                variants[key] = prepared
                return prepared
            }
        }
        try await supervisor.ensureVoice(F5WorkerVoice(id: variant.id, samples: variant.reference.audio.samples))
        return variant
    }

    /// `target_rms` in hundredths, rounded, clamped to 1...100 (0.01...1.0, the API's range); non-finite values count as 1.
    static func quantisedTargetRMS(_ targetRMS: Double) -> Int {
        guard targetRMS.isFinite else { return 1 }
        return Int(max(1, min(100, (targetRMS * 100).rounded())))
    }

    /// Restores loudness, cross-fades and yields each chunk in order (or, with `remove_silence`, all at the end).
    private static func stream(
        _ audio: AsyncThrowingStream<F5ItemAudio, any Error>,
        plan: F5SynthesisPlan,
        voice: F5LoadedVoice,
        into continuation: AsyncThrowingStream<AudioChunk, any Error>.Continuation
    ) async throws {
        var fader = F5StreamingCrossFade(overlap: plan.crossFadeSamples)
        var whole: [Float] = []
        var emitted = 0
        for try await item in audio {
            let restored = voice.reference.restoreLoudness(PCMBuffer(samples: item.samples, sampleRate: F5ProtocolLimits.sampleRate))
            let ready = fader.push(restored.samples, isLast: item.index == plan.chunks.count - 1)
            if plan.removeSilence {
                whole += ready
                continue
            }
            guard !ready.isEmpty else { continue }
            let chunk = AudioChunk(
                index: emitted,
                text: plan.chunks[item.index],
                audio: PCMBuffer(samples: ready, sampleRate: F5ProtocolLimits.sampleRate)
            )
            if case .terminated = continuation.yield(chunk) { return }
            emitted += 1
        }
        if plan.removeSilence {
            let trimmed = LongSilenceRemover().removeLongSilences(PCMBuffer(samples: whole, sampleRate: F5ProtocolLimits.sampleRate))
            continuation.yield(AudioChunk(index: 0, text: plan.chunks.joined(separator: " "), audio: trimmed))
        }
    }

    /// Decodes and prepares one reference clip off the caller's executor.
    private static func prepare(_ definition: ClonedVoiceDefinition, targetRMS: Double) async throws(SynthesisError) -> F5LoadedVoice {
        try await offCooperativePool { () throws(SynthesisError) in
            do {
                let decoded = try AudioDecoder().decode(contentsOf: definition.referenceAudio)
                let prepared = try ReferenceAudioPreparer(targetRMS: Float(targetRMS)).prepare(decoded)
                return F5LoadedVoice(definition: definition, clip: decoded, reference: prepared)
            } catch {
                let message = "cannot prepare the reference audio of F5 voice '\(definition.id)' (\(definition.referenceAudio.path)): \(error)"
                throw SynthesisError(.modelLoadFailed, message)
            }
        }
    }
}

extension F5Engine: VoiceCloningEngine {
    /// Prepares the clip (off the caller's executor), then serves the voice; a worker gets its reference before the
    /// first request that needs it (and every worker started later, at its handshake). A configured voice's id gives
    /// it a new reference (an override); which ids may be changed is the caller's policy.
    public func addVoice(_ definition: ClonedVoiceDefinition) async throws(SynthesisError) -> ClonedVoice {
        let voice = try await Self.prepare(definition, targetRMS: settings.targetRMS)
        do {
            try await supervisor.replaceVoice(
                F5WorkerVoice(id: voice.id, samples: voice.reference.audio.samples, warmDurations: voice.likelyDurations)
            )
        } catch {
            throw SynthesisError(.unavailable, "the F5 workers could not take voice '\(definition.id)': \(error)")
        }
        loadedVoices.withLock { $0[voice.id] = voice }
        await dropVariants(of: voice.id)  // they were prepared from the old reference
        logger.info("added F5 voice", metadata: ["voice": "\(voice.id)", "seconds": "\(voice.referenceSeconds)"])
        return ClonedVoice(voice: Self.describe(voice), preparedClip: voice.reference.audio)
    }

    /// Stops serving run-time voice `id` (its cached reference stays on the workers, unused).
    public func removeVoice(id: String) async {
        guard !configuredIDs.contains(id) else { return }
        _ = loadedVoices.withLock { $0.removeValue(forKey: id) }
        await dropVariants(of: id)
    }

    /// Forgets the `target_rms` variants of voice `id`, here and in what the supervisor counts as prepared on the
    /// workers, so a variant asked for again is made from the current reference and sent again.
    private func dropVariants(of id: String) async {
        variants.withLock { variants in variants = variants.filter { !$0.key.hasPrefix("\(id)@") } }
        await supervisor.forgetVoices(withPrefix: "\(id)@")
    }
}
