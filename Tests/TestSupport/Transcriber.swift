public import Foundation

/// Transcribes audio files with Whisper through `scripts/transcribe.py` and the project's Python.
public enum Transcriber {
    /// The transcript of each file in `files`, keyed by the file's path.
    public static func transcribe(_ files: [URL]) async throws -> [String: String] {
        let script = ProjectPaths.root.appendingPathComponent("scripts/transcribe.py")
        let result = try await runProcess(ProjectPaths.python, [script.path] + files.map(\.path))
        guard result.status == 0 else {
            throw TranscriberError(message: "transcribe.py exited with \(result.status): \(result.stderr.suffix(2000))")
        }
        let decoded = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        guard let transcripts = decoded as? [String: String] else {
            throw TranscriberError(message: "transcribe.py printed no JSON object: \(result.stdout.prefix(500))")
        }
        return transcripts
    }
}

/// `scripts/transcribe.py` failed.
public struct TranscriberError: Error, CustomStringConvertible {
    /// What went wrong, with the script's stderr.
    public let message: String
    public var description: String { message }
}
