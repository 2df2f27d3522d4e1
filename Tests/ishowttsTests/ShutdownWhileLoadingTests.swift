import Foundation
import Synchronization
import TestSupport
import Testing

/// A signal while the voices are still loading ends the program cleanly, without waiting for the load: `serve`
/// exits 0, a one-shot command 130 (it did not do its job).
@Suite struct ShutdownWhileLoadingTests {
    static let commands: [(arguments: [String], exitStatus: Int32)] = [
        (["serve"], 0),
        (["say", "Hello.", "-o", "/tmp/never.wav"], 130),
    ]

    @Test(.timeLimit(.minutes(2)), arguments: commands)
    func sigtermDuringLoading(_ arguments: [String], exitStatus: Int32) async throws {
        let directory = try ProjectPaths.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The F5 voice's reference clip is a FIFO: opening it blocks the loader until a writer shows up, so when our
        // own open for writing returns, the program is certainly in the middle of loading.
        let clip = directory.appendingPathComponent("reference.wav")
        #expect(mkfifo(clip.path, 0o600) == 0)
        let process = try RunningProcess(
            ProjectPaths.builtProduct("ishowtts"),
            arguments,
            environment: [
                "ISHOWTTS__BIND_ADDR": "127.0.0.1:0",
                "ISHOWTTS__PIPER__VOICES": #"[{"id":"joe","model":"\#(ProjectPaths.defaultPiperModel.path)"}]"#,
                "ISHOWTTS__DATA_DIR": directory.path,
                "ISHOWTTS__F5__ENABLED": "true",
                "ISHOWTTS__F5__MODE": "random-init",
                "ISHOWTTS__F5__MODEL_CONFIG": "tiny",
                "ISHOWTTS__F5__DEVICES": #"["cpu"]"#,
                "ISHOWTTS__F5__VOICES": #"[{"id":"clone","reference_audio":"\#(clip.path)","reference_text":"Hello."}]"#,
            ]
        )
        let writer = await Self.openForWriting(clip, unlessExited: process)
        let descriptor = try #require(writer, "the program exited before it started loading the clip")
        defer { close(descriptor) }
        process.send(SIGTERM)
        #expect(await process.waitForExit() == exitStatus)
    }

    @Test(.timeLimit(.minutes(2))) func sigtermWhileOnnxRuntimeLoadsAVoiceExitsZero() async throws {
        // The usual slow load: ONNX Runtime creating the voice's session on another thread. The process
        // must not tear the library down under that thread on its way out. Three rounds, since the signal lands at a
        // slightly different point of the load each time.
        for _ in 0..<3 {
            let notifications = try NotifySocket()
            let server = try startServe(notifications: notifications)
            #expect(await notifications.wait(forLine: "STATUS=loading voices") != nil)
            server.send(SIGTERM)
            #expect(await server.waitForExit() == 0)
        }
    }

    /// Opens `fifo` for writing, which returns once a reader has it open; `nil` if `process` exits first.
    private static func openForWriting(_ fifo: URL, unlessExited process: RunningProcess) async -> Int32? {
        let answered = Mutex(false)
        let claim: @Sendable () -> Bool = {
            answered.withLock { done in
                defer { done = true }
                return !done
            }
        }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Int32?, Never>) in
            DispatchQueue.global().async {
                let descriptor = open(fifo.path, O_WRONLY)
                if claim() { continuation.resume(returning: descriptor >= 0 ? descriptor : nil) } else { close(descriptor) }
            }
            Task {
                _ = await process.waitForExit()
                guard claim() else { return }
                continuation.resume(returning: nil)
                // Unblock the pending open above by being its reader.
                close(open(fifo.path, O_RDONLY | O_NONBLOCK))
            }
        }
    }
}
