import Dispatch
import Foundation
public import Logging
public import SpeechCore
import Synchronization
import TextPrep

/// Piper (VITS) voices on the CPU through ONNX Runtime, phonemized by espeak-ng.
///
/// Every voice is loaded when the engine is created (about a second per voice), so create it
/// once at startup, off the event loops (``load(voices:settings:logger:)`` does that for you).
/// ``synthesize(_:)`` yields one chunk per sentence as soon as it is ready.
///
/// ```swift
/// let engine = try await PiperEngine.load(
///     voices: [PiperVoiceDefinition(id: "en_US-joe-medium", model: URL(fileURLWithPath: "models/piper/en_US-joe-medium.onnx"))],
///     settings: PiperEngineSettings(),
///     logger: Logger(label: "piper"))
/// for try await chunk in engine.synthesize(SynthesisRequest(text: "Hello chat!", voiceID: "en_US-joe-medium")) { … }
/// ```
public final class PiperEngine: TTSEngine {
    /// Always ``EngineID/piper``.
    public let id: EngineID = .piper
    /// The name voices report as their engine label.
    public let label = "Piper (CPU)"

    /// The loaded voices, in the order they were added; installing a voice while the server runs adds one.
    private let loaded: Mutex<[(voice: Voice, worker: PiperVoiceWorker)]>
    private let splitter: SentenceSplitter
    private let firstClauseSplitter: FirstClauseSplitter?
    private let logger: Logger
    private let observer: PiperEngineObserver?
    private let settings: PiperEngineSettings

    /// Loads `voices`; throws ``SynthesisError`` `.modelLoadFailed` naming the file at fault. `observer` hears what
    /// the engine does (``PiperEngineEvent``).
    ///
    /// Blocks for seconds: call it from a background thread, or use ``load(voices:settings:logger:observer:)``.
    public init(
        voices: [PiperVoiceDefinition],
        settings: PiperEngineSettings,
        logger: Logger,
        observer: PiperEngineObserver? = nil
    ) throws(SynthesisError) {
        var loaded: [(voice: Voice, worker: PiperVoiceWorker)] = []
        for definition in voices {
            guard !loaded.contains(where: { $0.voice.id == definition.id }) else {
                throw SynthesisError(.modelLoadFailed, "voice id '\(definition.id)' is defined twice")
            }
            loaded.append(try Self.loadVoice(definition, settings: settings, label: label, logger: logger))
        }
        self.loaded = Mutex(loaded)
        self.settings = settings
        self.splitter = SentenceSplitter(maxCharacters: settings.maxSentenceCharacters)
        self.firstClauseSplitter = settings.splitFirstClause ? FirstClauseSplitter() : nil
        self.logger = logger
        self.observer = observer
    }

    /// Creates the engine on a background thread, so loading models never blocks the caller's executor.
    public static func load(
        voices: [PiperVoiceDefinition],
        settings: PiperEngineSettings,
        logger: Logger,
        observer: PiperEngineObserver? = nil
    ) async throws(SynthesisError)
        -> PiperEngine
    {
        try await offCooperativePool { () throws(SynthesisError) in
            try PiperEngine(voices: voices, settings: settings, logger: logger, observer: observer)
        }
    }

    private static func loadVoice(
        _ definition: PiperVoiceDefinition,
        settings: PiperEngineSettings,
        label: String,
        logger: Logger
    ) throws(SynthesisError) -> (voice: Voice, worker: PiperVoiceWorker) {
        let start = ContinuousClock.now
        let worker: PiperVoiceWorker
        do {
            worker = try PiperVoiceWorker(definition: definition, settings: settings)
        } catch {
            throw error.synthesisError
        }
        logger.info(
            "loaded Piper voice",
            metadata: ["voice": "\(definition.id)", "model": "\(definition.model.path)", "took": "\(ContinuousClock.now - start)"]
        )
        let voice = Voice(id: definition.id, engine: .piper, engineLabel: label, language: worker.config.languageTag, sampleRate: worker.sampleRate)
        return (voice, worker)
    }

    /// Loads `definition` (on a background thread) and speaks it from now on; throws ``SynthesisError``
    /// `.modelLoadFailed` for files that are not a Piper voice, `.invalidOption` for an id already loaded.
    public func addVoice(_ definition: PiperVoiceDefinition) async throws(SynthesisError) -> Voice {
        guard !loaded.withLock({ $0.contains { $0.voice.id == definition.id } }) else {
            throw SynthesisError(.invalidOption, "voice '\(definition.id)' is already loaded", field: "id")
        }
        let (settings, label, logger) = (settings, label, logger)
        let added = try await offCooperativePool { () throws(SynthesisError) in
            try Self.loadVoice(definition, settings: settings, label: label, logger: logger)
        }
        return try loaded.withLock { (loaded) throws(SynthesisError) -> Voice in
            guard !loaded.contains(where: { $0.voice.id == definition.id }) else {
                throw SynthesisError(.invalidOption, "voice '\(definition.id)' is already loaded", field: "id")
            }
            loaded.append(added)
            return added.voice
        }
    }

    /// Stops speaking voice `id` (syntheses under way finish with it).
    public func removeVoice(id: String) {
        loaded.withLock { $0.removeAll { $0.voice.id == id } }
    }

    /// Nothing runs in the background: voices are loaded when the engine is created.
    public func run() async throws {}

    /// Always ready: loading either succeeded when the engine was created or threw.
    public func waitUntilReady() async throws {}

    /// The loaded voices, in the order they were defined.
    public func voices() async -> [Voice] { loaded.withLock { $0.map(\.voice) } }

    /// `ok` once at least one voice is loaded (loading either succeeds at init or throws).
    public func health() async -> EngineHealth {
        let count = loaded.withLock { $0.count }
        return count == 0
            ? EngineHealth(status: .unavailable, detail: "no Piper voices are configured")
            : EngineHealth(status: .ok, detail: "\(count) Piper voice(s) loaded")
    }

    /// Synthesises `request` sentence by sentence; each chunk is one sentence's audio.
    ///
    /// Stops before the next sentence once the consumer cancels or drops the stream.
    public func synthesize(_ request: SynthesisRequest) -> AsyncThrowingStream<AudioChunk, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: AudioChunk.self)
        let plan: SynthesisPlan
        do {
            plan = try makePlan(for: request)
        } catch {
            continuation.finish(throwing: error)
            return stream
        }
        let logger = logger
        let observer = observer
        let task = Task {
            do {
                try await Self.run(plan, into: continuation, logger: logger, observer: observer)
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    // MARK: Synthesis

    /// What one request will do, checked before any work starts.
    private struct SynthesisPlan: Sendable {
        let worker: PiperVoiceWorker
        let sentences: [String]
        let lengthScale: Double
    }

    private func makePlan(for request: SynthesisRequest) throws(SynthesisError) -> SynthesisPlan {
        guard let worker = loaded.withLock({ $0.first { $0.voice.id == request.voiceID }?.worker }) else {
            throw .unknownVoice(request.voiceID)
        }
        let speed = request.options.speed ?? 1
        guard speed.isFinite, SynthesisOptions.speedRange.contains(speed) else {
            throw .invalidOption("speed", "must be within \(SynthesisOptions.speedRange), got \(speed)")
        }
        var sentences = splitter.split(request.text)
        guard let first = sentences.first else { throw .emptyText() }
        // A short first piece only helps a listener who is waiting for it; whole-file requests would pay an extra run.
        if let firstClauseSplitter, request.delivery == .streamed {
            sentences.replaceSubrange(0...0, with: firstClauseSplitter.split(first))
        }
        // Piper has no seed: VITS noise comes from ONNX Runtime's random generator, so `seed` is ignored.
        return SynthesisPlan(worker: worker, sentences: sentences, lengthScale: worker.baseLengthScale / speed)
    }

    private static func run(
        _ plan: SynthesisPlan,
        into continuation: AsyncThrowingStream<AudioChunk, any Error>.Continuation,
        logger: Logger,
        observer: PiperEngineObserver?
    ) async throws(SynthesisError) {
        var index = 0
        var rendered = 0
        defer {
            logger.debug(
                "synthesis ended",
                metadata: ["voice": "\(plan.worker.id)", "rendered": "\(rendered)", "sentences": "\(plan.sentences.count)"]
            )
            observer?(.synthesisEnded(voice: plan.worker.id, rendered: rendered, pieces: plan.sentences.count))
        }
        for sentence in plan.sentences {
            guard !Task.isCancelled else { return }
            let start = ContinuousClock.now
            guard let rendering = try await plan.worker.render(sentence, lengthScale: plan.lengthScale) else { return }
            rendered += 1
            observer?(
                .pieceRendered(
                    voice: plan.worker.id,
                    characters: sentence.count,
                    phonemizing: rendering.phonemizing,
                    inference: rendering.inference
                )
            )
            // A sentence of only punctuation yields nothing; skip it rather than send an empty chunk.
            guard !rendering.samples.isEmpty else { continue }
            let audio = PCMBuffer(samples: rendering.samples, sampleRate: plan.worker.sampleRate)
            logger.debug(
                "synthesised sentence",
                metadata: [
                    "voice": "\(plan.worker.id)", "characters": "\(sentence.count)", "audio_s": "\(audio.duration)",
                    "took": "\(ContinuousClock.now - start)",
                ]
            )
            if case .terminated = continuation.yield(AudioChunk(index: index, text: sentence, audio: audio)) { return }
            index += 1
        }
        if index == 0 { throw SynthesisError(.emptyText, "the text has nothing speakable") }
    }
}
