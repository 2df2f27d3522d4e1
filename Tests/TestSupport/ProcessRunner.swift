public import Foundation
import SpeechCore

/// Runs a helper program (the project's Python, the CLI) and captures its output.
public struct ProcessResult: Sendable {
    /// Exit status.
    public let status: Int32
    /// Standard output.
    public let stdout: String
    /// Standard error.
    public let stderr: String
}

/// Runs `executable` with `arguments` to completion.
public func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil) async throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes concurrently so a chatty child never blocks on a full pipe, on Dispatch threads: blocking reads
    // on the cooperative pool (two threads here) would stall a server the test runs in-process for the child.
    async let stdoutData = offCooperativePool { out.fileHandleForReading.readDataToEndOfFile() }
    async let stderrData = offCooperativePool { err.fileHandleForReading.readDataToEndOfFile() }
    let (o, e) = await (stdoutData, stderrData)
    await offCooperativePool { process.waitUntilExit() }
    return ProcessResult(
        status: process.terminationStatus,
        stdout: String(decoding: o, as: UTF8.self),
        stderr: String(decoding: e, as: UTF8.self)
    )
}
