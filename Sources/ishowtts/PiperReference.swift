import Foundation

/// Runs `bench/piper_reference.py` (PyPI `piper-tts`, the Python reference) on the same lines and voice.
struct PiperReference {
    let python: URL
    let script: URL

    private struct Request: Encodable {
        let model: String
        let sentences: [String]
        let runs: Int
        let warmup: Int
    }

    private struct Reply: Decodable {
        let implementation: String
        let results: [BenchSample]
    }

    /// Times every line `runs` times after `warmup` passes; returns the reference's summary.
    func measure(model: String, sentences: [String], runs: Int, warmup: Int) throws -> BenchSummary {
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(try JSONEncoder().encode(Request(model: model, sentences: sentences, runs: runs, warmup: warmup)))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("the piper-tts reference failed (exit \(process.terminationStatus)); is `piper-tts` installed for \(python.path)?")
        }
        let reply = try JSONDecoder().decode(Reply.self, from: data)
        return BenchSummary(implementation: reply.implementation, samples: reply.results)
    }
}

/// A benchmark that cannot run, with the reason.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
