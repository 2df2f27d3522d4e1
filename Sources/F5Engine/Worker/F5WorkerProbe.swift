public import Logging

/// Starts a worker just to ask `hello`, then shuts it down: what `ishowtts doctor` reports.
public enum F5WorkerProbe {
    /// The worker's `hello` reply (Python, PyTorch, device); throws when it cannot start or does not answer.
    ///
    /// - Parameter device: passed as `--device`, so the worker reports the device it would use.
    public static func hello(command: F5WorkerCommand, device: String, timeout: Duration, logger: Logger) async throws -> F5ReadyReply {
        let process = try F5WorkerProcess(command: command.forDevice(device), index: 0, logger: logger)
        let connection = F5WorkerConnection(process: process)
        let reader = Task { await connection.run() }
        defer {
            process.kill()
            reader.cancel()
        }
        let reply = try await connection.call(timeout: timeout) { F5HelloRequest(id: $0) }
        _ = try? await connection.call(timeout: .seconds(5)) { F5ShutdownRequest(id: $0) }
        process.closeInput()
        guard case .ready(let ready) = reply else { throw F5ProtocolError("unexpected reply to hello: \(reply)") }
        return ready
    }
}
