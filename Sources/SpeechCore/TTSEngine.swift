/// A speech engine: reports its voices and turns requests into a stream of audio chunks.
///
/// Streaming is the native shape: a whole-file response collects the stream (``PCMBuffer/init(collecting:)``).
/// Implementations keep blocking inference off the caller's threads.
///
/// An engine is also a service with readiness: the composition root runs ``run()`` for as long as the program
/// serves, and callers that must not queue behind a cold engine (`say`, `bench`) await ``waitUntilReady()``.
public protocol TTSEngine: Sendable {
    /// Which engine this is.
    var id: EngineID { get }
    /// Human-readable engine name.
    var label: String { get }
    /// The voices this engine can speak with.
    func voices() async -> [Voice]
    /// Whether the engine can serve requests now.
    func health() async -> EngineHealth
    /// Synthesises `request`, yielding audio as each part is ready.
    ///
    /// Cancelling the consuming task (or dropping the stream) stops further work.
    /// Errors are ``SynthesisError``s.
    func synthesize(_ request: SynthesisRequest) -> AsyncThrowingStream<AudioChunk, any Error>
    /// Runs the engine's background work (worker processes, health checks) until graceful shutdown or cancellation.
    ///
    /// Engines without background work return at once.
    func run() async throws
    /// Returns once the engine can serve a request; throws ``SynthesisError`` `.unavailable` when it cannot
    /// (it stopped, or could not start at all).
    func waitUntilReady() async throws
}

/// An engine's state as `/api/health` reports it.
public struct EngineHealth: Sendable, Equatable, Codable {
    /// `ok`, or why not.
    public let status: Status
    /// Details for a person.
    public let detail: String

    /// Creates a health report.
    public init(status: Status, detail: String) {
        self.status = status
        self.detail = detail
    }

    /// The coarse state.
    public enum Status: String, Sendable, Codable {
        case ok
        case degraded
        case unavailable
    }
}

extension PCMBuffer {
    /// Collects a whole synthesis stream into one buffer at the stream's sample rate.
    ///
    /// Throws the stream's error, or ``SynthesisError`` `.engineFailure` when it ends without any audio.
    public init(collecting stream: some AsyncSequence<AudioChunk, any Error>) async throws {
        var result: PCMBuffer?
        for try await chunk in stream {
            if result == nil { result = PCMBuffer(samples: [], sampleRate: chunk.audio.sampleRate) }
            result?.append(chunk.audio)
        }
        guard let result else { throw SynthesisError.noAudio() }
        self = result
    }
}
