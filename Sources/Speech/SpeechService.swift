import Foundation
public import SpeechCore

/// The one place requests become speech, for every caller (HTTP, the CLI, the chat gateway): checks limits and
/// options, picks the engine, and admits each engine's requests through that engine's own limiter.
///
/// ```swift
/// let speech = SpeechService(catalog: catalog, maxTextCharacters: 500, admission: [.piper: EngineAdmission(maxParallel: 1)])
/// let job = try speech.makeJob(text: "Hello chat!", voiceID: nil, options: SynthesisOptions())
/// for try await chunk in try await speech.start(job) { play(chunk.audio) }
/// ```
public struct SpeechService: Sendable {
    /// The voices and their engines.
    public let catalog: VoiceCatalog
    /// The longest text accepted, in characters.
    public let maxTextCharacters: Int
    private let limiters: [EngineID: ConcurrencyLimiter]
    private let metrics: SpeechMetrics
    /// Finished syntheses, replayed for repeats.
    public let cache: AudioCache

    /// UTF-8 bytes allowed per allowed character: room for emoji sequences, not for piles of combining marks.
    public static let maxBytesPerCharacter = 16

    /// Creates the service.
    /// - Parameters:
    ///   - admission: each engine's admission; an engine without an entry admits one request at a time.
    ///   - occupancyObserver: hears every change of every engine's limiter (metrics, tests).
    ///   - metrics: where syntheses, time to first audio and real-time factor are recorded.
    ///   - cache: finished syntheses replayed for repeats; off by default.
    public init(
        catalog: VoiceCatalog,
        maxTextCharacters: Int,
        admission: [EngineID: EngineAdmission],
        occupancyObserver: (@Sendable (EngineID, ConcurrencyLimiter.Occupancy) -> Void)? = nil,
        metrics: SpeechMetrics = SpeechMetrics(factory: nil),
        cache: AudioCache = AudioCache(budgetBytes: 0)
    ) {
        self.catalog = catalog
        self.maxTextCharacters = maxTextCharacters
        self.metrics = metrics
        self.cache = cache
        var limiters: [EngineID: ConcurrencyLimiter] = [:]
        for engine in catalog.allEngines {
            let id = engine.id
            let admitted = admission[id] ?? EngineAdmission(maxParallel: 1)
            var observer: (@Sendable (ConcurrencyLimiter.Occupancy) -> Void)?
            if let occupancyObserver { observer = { occupancyObserver(id, $0) } }
            limiters[id] = ConcurrencyLimiter(engine: id, limit: admitted.maxParallel, maxWaiting: admitted.maxWaiting, observer: observer)
        }
        self.limiters = limiters
    }

    /// A checked request with the voice and engine that will serve it.
    public struct Job: Sendable {
        /// The request as the engine will see it.
        public let request: SynthesisRequest
        /// The voice it speaks with.
        public let voice: Voice
        /// The engine that speaks it.
        public let engine: any TTSEngine
    }

    /// Validates `text`, the voice, the engine the caller expects (if any) and the options; throws a
    /// ``SynthesisError`` naming what is wrong.
    public func makeJob(
        text: String,
        voiceID: String?,
        engine expectedEngine: String? = nil,
        options: SynthesisOptions
    ) throws(SynthesisError)
        -> Job
    {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyText() }
        // Punctuation or symbols alone give an engine nothing to say; refuse before a stream promises audio.
        guard trimmed.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else {
            throw SynthesisError(.emptyText, "text has nothing to speak (no letters or digits)", field: "text")
        }
        guard trimmed.count <= maxTextCharacters else { throw .textTooLong(count: trimmed.count, limit: maxTextCharacters) }
        // A "character" can hide hundreds of combining marks; engines and worker frames are sized in bytes.
        guard trimmed.utf8.count <= maxTextCharacters * Self.maxBytesPerCharacter else {
            throw SynthesisError(
                .textTooLong,
                "text is \(trimmed.utf8.count) bytes of UTF-8; the limit is \(maxTextCharacters * Self.maxBytesPerCharacter)",
                field: "text"
            )
        }
        try OptionLimits.check(options)
        let (voice, engine) = try catalog.require(voiceID)
        if let expectedEngine, expectedEngine.lowercased() != voice.engine.rawValue {
            throw .invalidOption("engine", "'\(expectedEngine)' does not match voice '\(voice.id)' (engine \(voice.engine))")
        }
        return Job(request: SynthesisRequest(text: trimmed, voiceID: voice.id, options: options), voice: voice, engine: engine)
    }

    /// Waits for the job's engine to admit it, then starts it; the stream yields each chunk as soon as the engine has it.
    /// A repeat of a finished synthesis (same voice, text and options) is replayed from the cache at once, without the
    /// engine.
    ///
    /// Returns only once the job holds its engine's permit, so a caller can refuse (``SynthesisError`` `.busy`) before
    /// promising anything to its client. The permit is held until the engine is done or the consumer stops listening
    /// (a client went away), which drops the engine's stream and so stops its work.
    public func start(_ job: Job) async throws -> AsyncThrowingStream<AudioChunk, any Error> {
        guard let limiter = limiters[job.engine.id] else { throw SynthesisError.unknownVoice(job.voice.id) }
        let key = AudioCache.Key(voice: job.voice, text: job.request.text, options: job.request.options)
        if let cached = cache.chunks(for: key) {
            let (stream, continuation) = AsyncThrowingStream.makeStream(of: AudioChunk.self)
            for chunk in cached { continuation.yield(chunk) }
            continuation.finish()
            return stream
        }
        try await limiter.acquire()
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: AudioChunk.self)
        let metrics = self.metrics
        let cache = self.cache
        let subject = SpeechMetrics.Subject(engine: job.engine.id, configured: catalog.isConfigured(job.voice.id))
        let task = Task {
            let started = ContinuousClock.now
            var audioSeconds = 0.0
            var produced: [AudioChunk] = []
            var outcome = SpeechMetrics.Outcome.ok
            var failure: (any Error)?
            do {
                for try await chunk in job.engine.synthesize(job.request) {
                    if audioSeconds == 0 { metrics.firstAudio(subject, after: ContinuousClock.now - started) }
                    audioSeconds += chunk.audio.duration
                    produced.append(chunk)
                    if case .terminated = continuation.yield(chunk) {
                        outcome = .cancelled
                        break
                    }
                }
            } catch {
                outcome = error is CancellationError || Task.isCancelled ? .cancelled : .failed
                failure = error
            }
            metrics.finished(subject, outcome: outcome, elapsed: ContinuousClock.now - started, audioSeconds: audioSeconds)
            if outcome == .ok, !produced.isEmpty { cache.store(produced, for: key) }
            // The permit goes back before the listener hears the end: whoever sees a stream end may start the next.
            await limiter.release()
            if let failure { continuation.finish(throwing: failure) } else { continuation.finish() }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Runs `job` to completion and returns all of its audio, asking its engine for the whole-file shape of the work
    /// (no short first piece: only the total time counts).
    public func synthesizeAll(_ job: Job) async throws -> PCMBuffer {
        var request = job.request
        request.delivery = .whole
        return try await PCMBuffer(collecting: start(Job(request: request, voice: job.voice, engine: job.engine)))
    }
}
