public import Foundation

/// A child process that keeps running while the test talks to it, with its stderr as a stream of lines.
public final class RunningProcess: Sendable {
    private let process: Process
    /// Every line the process writes to stderr, as it writes it.
    public let stderrLines: AsyncStream<String>

    /// Starts `executable` with `arguments` (and `environment` added to the test's own).
    public init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let stderr = Pipe()
        process.standardError = stderr
        let (lines, continuation) = AsyncStream.makeStream(of: String.self)
        let splitter = LineSplitter()
        stderr.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                continuation.finish()
            } else {
                for line in splitter.feed(data) { continuation.yield(line) }
            }
        }
        try process.run()
        self.process = process
        self.stderrLines = lines
    }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }

    /// Sends `signal` (e.g. `SIGTERM`).
    public func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to exit and returns its status.
    public func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                self.process.waitUntilExit()
                continuation.resume(returning: self.process.terminationStatus)
            }
        }
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

/// Splits a byte stream into UTF-8 lines; only the pipe's reader thread calls it.
private final class LineSplitter: @unchecked Sendable {
    private var pending = Data()

    func feed(_ data: Data) -> [String] {
        pending.append(data)
        var lines: [String] = []
        while let newline = pending.firstIndex(of: 0x0A) {
            lines.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
            pending.removeSubrange(pending.startIndex...newline)
        }
        return lines
    }
}
