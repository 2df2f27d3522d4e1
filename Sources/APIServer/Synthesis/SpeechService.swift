public import SpeechCore
import Foundation

/// The one place requests become speech: checks limits and options, picks the engine,
/// and bounds how many syntheses run at once.
public struct SpeechService: Sendable {
    /// The voices and their engines.
    public let catalog: VoiceCatalog
    /// The longest text accepted, in characters.
    public let maxTextCharacters: Int
    private let limiter: ConcurrencyLimiter

    /// Creates the service.
    /// - Parameters:
    ///   - maxParallel: syntheses that may run at once; others wait in line.
    ///   - maxWaiting: callers that may wait; beyond that requests are refused as busy.
    public init(catalog: VoiceCatalog, maxTextCharacters: Int, maxParallel: Int, maxWaiting: Int? = nil) {
        self.catalog = catalog
        self.maxTextCharacters = maxTextCharacters
        self.limiter = ConcurrencyLimiter(limit: maxParallel, maxWaiting: maxWaiting ?? maxParallel * 16)
    }

    /// UTF-8 bytes allowed per allowed character: room for emoji sequences, not for piles of combining marks.
    static let maxBytesPerCharacter = 16

    /// A checked request with the voice and engine that will serve it.
    public struct Job: Sendable {
        /// The request as the engine will see it.
        public let request: SynthesisRequest
        /// The voice it speaks with.
        public let voice: Voice
        /// The engine that speaks it.
        public let engine: any TTSEngine
    }

    /// Validates `text`, the voice and the options; throws a ``SynthesisError`` naming what is wrong.
    public func makeJob(text: String, voiceID: String?, options: SynthesisOptions) throws(SynthesisError) -> Job {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyText() }
        guard trimmed.count <= maxTextCharacters else { throw .textTooLong(count: trimmed.count, limit: maxTextCharacters) }
        // A "character" can hide hundreds of combining marks; engines and worker frames are sized in bytes.
        guard trimmed.utf8.count <= maxTextCharacters * Self.maxBytesPerCharacter else {
            throw SynthesisError(
                .textTooLong,
                "text is \(trimmed.utf8.count) bytes of UTF-8; the limit is \(maxTextCharacters * Self.maxBytesPerCharacter)"
            )
        }
        try OptionLimits.check(options)
        let (voice, engine) = try catalog.require(voiceID)
        return Job(request: SynthesisRequest(text: trimmed, voiceID: voice.id, options: options), voice: voice, engine: engine)
    }

    /// Whether a new job would be refused as busy right now.
    public var isSaturated: Bool { get async { await limiter.isSaturated } }

    /// Runs `job` to completion and returns all of its audio.
    public func synthesizeAll(_ job: Job) async throws -> PCMBuffer {
        var audio = PCMBuffer(samples: [], sampleRate: job.voice.sampleRate)
        for try await chunk in stream(job) {
            audio.sampleRate = chunk.audio.sampleRate
            audio.append(chunk.audio)
        }
        return audio
    }

    /// Runs `job`, yielding each chunk as soon as the engine has it.
    ///
    /// The job waits for a concurrency slot first and holds it until the engine is done; when the
    /// consumer stops listening (a client went away), the engine's stream is dropped, which stops its work.
    public func stream(_ job: Job) -> AsyncThrowingStream<AudioChunk, any Error> {
        let limiter = self.limiter
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await limiter.withPermit {
                        for try await chunk in job.engine.synthesize(job.request) {
                            continuation.yield(chunk)
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
