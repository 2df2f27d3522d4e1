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
    /// Called when the engines start loading their voices; from then on a shutdown signal is handled gracefully.
    public var loadingStarted: (@Sendable () -> Void)?

    /// Creates hooks; none by default.
    public init(
        piperEvents: PiperEngineObserver? = nil,
        f5Events: F5EngineObserver? = nil,
        occupancy: (@Sendable (EngineID, ConcurrencyLimiter.Occupancy) -> Void)? = nil,
        loadingStarted: (@Sendable () -> Void)? = nil
    ) {
        self.piperEvents = piperEvents
        self.f5Events = f5Events
        self.occupancy = occupancy
        self.loadingStarted = loadingStarted
    }
}
