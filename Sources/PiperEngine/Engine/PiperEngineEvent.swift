/// What the Piper engine does, as it happens: for metrics, the benchmark's breakdown, and tests.
///
/// Observers are called synchronously from the engine's tasks, so they must be quick and must not block.
public enum PiperEngineEvent: Sendable, Equatable {
    /// One piece of a request (a sentence, or the first clause) was rendered.
    case pieceRendered(voice: String, characters: Int, phonemizing: Duration, inference: Duration)
    /// A request ended, finished or stopped: `rendered` of its `pieces` were rendered.
    case synthesisEnded(voice: String, rendered: Int, pieces: Int)
}

/// Receives ``PiperEngineEvent``s.
public typealias PiperEngineObserver = @Sendable (PiperEngineEvent) -> Void
