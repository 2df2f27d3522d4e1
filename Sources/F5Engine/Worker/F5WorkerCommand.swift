public import Foundation

/// How to start a worker process: `python -m ishowtts_worker` with the worker package on `PYTHONPATH`.
public struct F5WorkerCommand: Sendable, Equatable {
    /// The Python interpreter (usually `.venv-f5/bin/python`).
    public var python: URL
    /// The folder holding the `ishowtts_worker` package (prepended to `PYTHONPATH`).
    public var workerPath: URL
    /// Extra environment variables for the worker.
    public var environment: [String: String]
    /// Arguments after `-m ishowtts_worker` (e.g. `--device cuda:1`).
    public var arguments: [String]

    /// Creates a command.
    public init(python: URL, workerPath: URL, environment: [String: String] = [:], arguments: [String] = []) {
        self.python = python
        self.workerPath = workerPath
        self.environment = environment
        self.arguments = arguments
    }

    /// The command for a worker on `device` (it reports that device in `hello`).
    func forDevice(_ device: String) -> F5WorkerCommand {
        var command = self
        command.arguments += ["--device", device]
        return command
    }

    /// The environment the worker runs with: ours, plus `PYTHONPATH`, `PYTHONUNBUFFERED` and ``environment``.
    func processEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        let existing = environment["PYTHONPATH"].map { ":" + $0 } ?? ""
        environment["PYTHONPATH"] = workerPath.path + existing
        environment["PYTHONUNBUFFERED"] = "1"
        environment.merge(self.environment) { _, new in new }
        return environment
    }
}
