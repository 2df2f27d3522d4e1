public import F5Engine
public import PiperEngine
public import Speech
public import SpeechCore

/// Observers the composition root wires into what it builds: metrics, and tests that wait on events instead of logs.
public struct SpeechSystemHooks: Sendable {
    /// Hears what the Piper engine does.
    public var piperEvents: PiperEngineObserver?
    /// Hears what the F5 engine does.
    public var f5Events: F5EngineObserver?
    /// Hears every change of every engine's admission limiter.
    public var occupancy: (@Sendable (EngineID, ConcurrencyLimiter.Occupancy) -> Void)?
    /// Hears the speech system's own stages.
    public var lifecycle: (@Sendable (SpeechSystemStage) -> Void)?

    /// Creates hooks; none by default.
    public init(
        piperEvents: PiperEngineObserver? = nil,
        f5Events: F5EngineObserver? = nil,
        occupancy: (@Sendable (EngineID, ConcurrencyLimiter.Occupancy) -> Void)? = nil,
        lifecycle: (@Sendable (SpeechSystemStage) -> Void)? = nil
    ) {
        self.piperEvents = piperEvents
        self.f5Events = f5Events
        self.occupancy = occupancy
        self.lifecycle = lifecycle
    }
}

/// Where ``withSpeechSystem(configuration:logger:hooks:shutdownSignals:bodyShutdown:_:)`` is; from `loading` on, a
/// shutdown signal is handled gracefully.
public enum SpeechSystemStage: Sendable, Equatable {
    /// The engines are loading their voices.
    case loading
    /// The engines are loaded and running; the body has the system.
    case running
}
