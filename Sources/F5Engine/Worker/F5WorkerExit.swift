/// How a worker process ended.
public struct F5WorkerExit: Sendable, Equatable, CustomStringConvertible {
    /// The exit status, or the signal number when ``signalled``.
    public let status: Int32
    /// Whether a signal ended the process.
    public let signalled: Bool

    /// Creates an exit description.
    public init(status: Int32, signalled: Bool) {
        self.status = status
        self.signalled = signalled
    }

    /// `status 3`, or `status 9, killed by a signal`.
    public var description: String { signalled ? "status \(status), killed by a signal" : "status \(status)" }
}
