public import F5Engine
public import Speech
public import SpeechCore

/// Observers the composition root wires into what it builds: metrics, and tests that wait on events instead of logs.
public struct SpeechSystemHooks: Sendable {
    /// Hears what the F5 engine does.
    public var f5Events: F5EngineObserver?
    /// Hears every change of every engine's admission limiter.
    public var occupancy: (@Sendable (EngineID, ConcurrencyLimiter.Occupancy) -> Void)?

    /// Creates hooks; none by default.
    public init(
        f5Events: F5EngineObserver? = nil,
        occupancy: (@Sendable (EngineID, ConcurrencyLimiter.Occupancy) -> Void)? = nil
    ) {
        self.f5Events = f5Events
        self.occupancy = occupancy
    }
}
