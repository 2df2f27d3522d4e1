/// One worker slot's state, as health checks and `doctor` report it.
public struct F5WorkerStatus: Sendable, Equatable {
    /// The slot's state.
    public enum State: String, Sendable, Equatable {
        /// Spawning, loading the model or preparing voices.
        case starting
        /// Serving requests.
        case ready
        /// Loaded and warmed, waiting to take over from a serving worker of its device that dies.
        case standby
        /// Waiting to restart after a failure.
        case restarting
        /// Shut down.
        case stopped
    }

    /// The worker's index.
    public let index: Int
    /// Its device.
    public let device: String
    /// Its state.
    public let state: State
    /// The process id while a process runs.
    public let pid: Int32?
    /// Times it was restarted.
    public let restarts: Int
    /// Why it last stopped, if it did.
    public let lastError: String?
    /// What `hello` reported.
    public let hello: F5ReadyReply?
    /// Whether it has ever become ready.
    public let hasBeenReady: Bool
}
