/// A speech engine: reports its voices and turns requests into a stream of audio chunks.
///
/// Streaming is the native shape: a whole-file response collects the stream.
/// Implementations keep blocking inference off the caller's threads.
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

extension TTSEngine {
    /// Collects the whole stream into one buffer at the engine's sample rate.
    public func synthesizeAll(_ request: SynthesisRequest) async throws -> PCMBuffer {
        var result: PCMBuffer?
        for try await chunk in synthesize(request) {
            if result == nil { result = PCMBuffer(samples: [], sampleRate: chunk.audio.sampleRate) }
            result?.append(chunk.audio)
        }
        guard let result else { throw SynthesisError(.engineFailure, "the engine produced no audio") }
        return result
    }
}
