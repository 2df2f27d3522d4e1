import Foundation

/// The Python reference (PyPI `piper-tts`, via `bench/piper_reference.py`) kept running beside the benchmark,
/// so its lines can alternate with ours and both see the same machine load.
final class PiperReference {
    /// `piper-tts` and its version, as the script reports it.
    let implementation: String
    private let process: Process
    private let input: FileHandle
    private var output: LineReader

    /// Starts the reference on `model` and waits until it has loaded the voice.
    init(python: URL, script: URL, model: String) throws {
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path, model]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        self.process = process
        self.input = input.fileHandleForWriting
        self.output = LineReader(output.fileHandleForReading)
        struct Hello: Decodable { let implementation: String }
        guard let line = self.output.next(), let hello = try? JSONDecoder().decode(Hello.self, from: Data(line.utf8)) else {
            throw BenchError("the piper-tts reference did not start; is `piper-tts` installed for \(python.path)? (make bench installs it)")
        }
        implementation = hello.implementation
    }

    /// Synthesises `text` in the reference and returns its timing.
    func measure(_ text: String) throws -> BenchSample {
        input.write(Data((text.replacingOccurrences(of: "\n", with: " ") + "\n").utf8))
        guard let line = output.next() else { throw BenchError("the piper-tts reference stopped answering") }
        return try JSONDecoder().decode(BenchSample.self, from: Data(line.utf8))
    }

    deinit {
        try? input.close()
        process.waitUntilExit()
    }
}

/// Reads a pipe line by line (blocking; the benchmark is sequential by design).
private struct LineReader {
    private let handle: FileHandle
    private var buffer = Data()

    init(_ handle: FileHandle) { self.handle = handle }

    mutating func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }
}

/// A benchmark that cannot run, with the reason.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
