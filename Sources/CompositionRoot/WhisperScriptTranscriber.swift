import Foundation
import Settings
import Speech
import SpeechCore

/// Transcribes clips with `scripts/transcribe.py` (faster-whisper) in the configured Python, one process per clip:
/// uploads are rare, and the server keeps no Whisper model in memory between them.
struct WhisperScriptTranscriber: ClipTranscriber {
    let settings: TranscriberSettings
    let model: String

    /// The transcriber `settings` describe, or `nil` when no model is configured.
    static func make(_ settings: TranscriberSettings) -> WhisperScriptTranscriber? {
        settings.model.map { WhisperScriptTranscriber(settings: settings, model: $0) }
    }

    func transcribe(_ clip: URL, language: String) async throws -> String {
        let primary = language.split(separator: "-").first.map(String.init) ?? "en"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: settings.python)
        process.arguments = [settings.script, "--model", model, "--language", primary, clip.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let finished = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { finished.continuation.yield($0.terminationStatus) }
        do {
            try process.run()
        } catch {
            throw TranscriptionError("cannot start \(settings.python): \(error)")
        }
        // Read both pipes while it runs, so a chatty process cannot fill a pipe and stall (blocking reads: off the pool).
        async let stdout = offCooperativePool(qos: .utility) { output.fileHandleForReading.readDataToEndOfFile() }
        async let stderr = offCooperativePool(qos: .utility) { errors.fileHandleForReading.readDataToEndOfFile() }
        let status = await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                var statuses = finished.stream.makeAsyncIterator()
                return await statuses.next()
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(settings.timeoutSeconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let status else {
            process.terminate()
            throw TranscriptionError("transcription took longer than \(settings.timeoutSeconds) s")
        }
        let (text, log) = await (stdout, stderr)
        guard status == 0 else {
            throw TranscriptionError("transcription failed (exit \(status)): \(String(decoding: log.suffix(1000), as: UTF8.self))")
        }
        guard let transcripts = (try? JSONSerialization.jsonObject(with: text)) as? [String: String], let transcript = transcripts[clip.path] else {
            throw TranscriptionError("the transcription script printed no transcript")
        }
        return transcript
    }
}

/// Why a clip could not be transcribed.
struct TranscriptionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
