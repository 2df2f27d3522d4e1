import Dispatch
import Foundation
public import Logging
import Synchronization

/// One running worker: the child process, a stream of the frames it writes, and a way to send it frames.
///
/// stdout is read on a dedicated thread and cut into frames (``frames``); stderr is forwarded to the logger line by
/// line with the worker's index; writes go through a serial queue so a slow reader never blocks a Swift task thread.
/// ``frames`` ends when stdout closes (the worker exited) or a malformed frame arrives (the worker is then killed);
/// ``waitForExit()`` says how it ended.
public final class F5WorkerProcess: Sendable {
    /// The worker's position in the pool, for logs and errors.
    public let index: Int
    /// The child's process id.
    public let pid: Int32
    /// Every frame the worker writes, in order; finishes at EOF or on a protocol error (see ``streamError``).
    public let frames: AsyncStream<F5Frame>

    private let process: Process
    private let input: FileHandle
    private let writeQueue: DispatchQueue
    private let shared = SharedState()
    private let logger: Logger

    /// What the reader threads and the termination handler share with the object.
    private final class SharedState: Sendable {
        let exit = Mutex<ExitState>(ExitState())
        let protocolError = Mutex<F5ProtocolError?>(nil)
    }

    private struct ExitState {
        var exit: F5WorkerExit?
        var waiters: [CheckedContinuation<F5WorkerExit, Never>] = []
    }

    /// Starts `command` as worker number `index`.
    ///
    /// Also makes the server ignore `SIGPIPE`, so writing to a worker that died fails with an error instead of
    /// killing the server.
    public init(command: F5WorkerCommand, index: Int, logger: Logger) throws {
        Self.ignoreBrokenPipes()
        let process = Process()
        process.executableURL = command.python
        process.arguments = ["-m", "ishowtts_worker"] + command.arguments
        process.environment = command.processEnvironment()
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr

        var logger = logger
        logger[metadataKey: "worker"] = "\(index)"
        self.index = index
        self.process = process
        self.input = stdin.fileHandleForWriting
        self.writeQueue = DispatchQueue(label: "ishowtts.f5.worker\(index).stdin")
        self.logger = logger
        let (frames, continuation) = AsyncStream.makeStream(of: F5Frame.self)
        self.frames = frames

        let shared = self.shared
        process.terminationHandler = { process in
            let exit = F5WorkerExit(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal)
            let waiters = shared.exit.withLock { state in
                state.exit = exit
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: exit) }
        }
        Self.widen(stdout)
        try process.run()
        self.pid = process.processIdentifier
        // The child holds its own copies; closing ours lets EOF arrive when the child exits.
        try? stdin.fileHandleForReading.close()
        try? stdout.fileHandleForWriting.close()
        try? stderr.fileHandleForWriting.close()

        let pid = self.pid
        let frameLogger = logger
        Self.startReader(name: "ishowtts.f5.worker\(index).stdout", handle: stdout.fileHandleForReading, bufferBytes: Int(Self.pipeBytes)) { stream in
            var decoder = F5FrameDecoder()
            do throws(F5ProtocolError) {
                for chunk in stream {
                    decoder.append(chunk)
                    while let frame = try decoder.next() { continuation.yield(frame) }
                }
                try decoder.finish()
            } catch {
                shared.protocolError.withLock { $0 = error }
                frameLogger.error("F5 worker broke the protocol; killing it", metadata: ["error": "\(error)"])
                _ = Foundation.kill(pid, SIGKILL)
            }
            continuation.finish()
        }
        let lineLogger = logger
        Self.startReader(name: "ishowtts.f5.worker\(index).stderr", handle: stderr.fileHandleForReading) { stream in
            var splitter = F5LineSplitter()
            func log(_ line: F5LineSplitter.Line) {
                if line.truncated {
                    lineLogger.warning(
                        "F5 worker stderr line longer than \(F5LineSplitter.maxLineBytes) bytes; the rest is dropped",
                        metadata: ["source": "f5-worker-stderr"]
                    )
                }
                if !line.text.isEmpty { lineLogger.info("\(line.text)", metadata: ["source": "f5-worker-stderr"]) }
            }
            for chunk in stream {
                for line in splitter.push(chunk) { log(line) }
            }
            if let line = splitter.finish() { log(line) }
        }
        logger.info("F5 worker started", metadata: ["pid": "\(pid)", "python": "\(command.python.path)"])
    }

    /// The protocol error that ended ``frames``, if one did.
    public var streamError: F5ProtocolError? { shared.protocolError.withLock { $0 } }

    /// Whether the process has exited.
    public var hasExited: Bool { shared.exit.withLock { $0.exit != nil } }

    /// Writes one frame to the worker's stdin; throws when the worker can no longer read.
    public func send(_ frame: F5Frame) async throws {
        let data = try frame.encoded()
        let input = self.input
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            writeQueue.async {
                do {
                    try input.write(contentsOf: data)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Waits until the process has exited and says how.
    public func waitForExit() async -> F5WorkerExit {
        await withCheckedContinuation { continuation in
            let exit = shared.exit.withLock { state -> F5WorkerExit? in
                if let exit = state.exit { return exit }
                state.waiters.append(continuation)
                return nil
            }
            if let exit { continuation.resume(returning: exit) }
        }
    }

    /// Sends `SIGTERM`.
    public func terminate() {
        guard !hasExited else { return }
        _ = Foundation.kill(pid, SIGTERM)
    }

    /// Sends `SIGKILL`.
    public func kill() {
        guard !hasExited else { return }
        _ = Foundation.kill(pid, SIGKILL)
    }

    /// Closes the worker's stdin (a worker exits at EOF).
    public func closeInput() {
        let input = self.input
        writeQueue.async { try? input.close() }
    }

    // MARK: Reading

    /// Reads `handle` to EOF on its own thread, handing the chunks to `consume` as a blocking sequence.
    private static func startReader(
        name: String,
        handle: FileHandle,
        bufferBytes: Int = 65_536,
        consume: @escaping @Sendable (BlockingReads) -> Void
    ) {
        let thread = Thread {
            consume(BlockingReads(descriptor: handle.fileDescriptor, bufferBytes: bufferBytes))
            try? handle.close()
        }
        thread.name = name
        thread.start()
    }

    /// The pipe size asked for the worker's stdout: a chunk's audio (a few seconds of float32 PCM, one frame) then fits
    /// in one write, instead of the worker and the reader taking turns over the 64 KiB default.
    static let pipeBytes: Int32 = 1 << 20

    /// Grows `pipe` to ``pipeBytes`` where the system allows (Linux's `pipe-max-size` is 1 MiB by default); a refusal
    /// leaves the default, which only costs a few more wake-ups.
    private static func widen(_ pipe: Pipe) {
        #if os(Linux)
        let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ, a GNU extension Glibc's module does not export
        _ = fcntl(pipe.fileHandleForReading.fileDescriptor, setPipeSize, pipeBytes)
        #endif
    }

    private static let brokenPipesIgnored: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    private static func ignoreBrokenPipes() { _ = brokenPipesIgnored }
}

/// The chunks `read(2)` returns from a descriptor until EOF or an error, read into one reused buffer (as large as the
/// pipe, so a full pipe is drained in one read).
struct BlockingReads: Sequence, IteratorProtocol {
    let descriptor: Int32
    private var buffer: [UInt8]

    init(descriptor: Int32, bufferBytes: Int) {
        self.descriptor = descriptor
        self.buffer = [UInt8](repeating: 0, count: bufferBytes)
    }

    mutating func next() -> Data? {
        let descriptor = self.descriptor
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { return Data(buffer[0..<count]) }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }
}

/// Cuts a byte stream into lines at `\n` or `\r` (so `\r\n` and progress-bar `\r` both end lines), keeping at most
/// ``maxLineBytes`` of a line: a longer line is emitted once at the cap (marked truncated) and the rest of it, up to
/// the next line end, is dropped.
struct F5LineSplitter {
    /// The longest line kept: 16 KiB.
    static let maxLineBytes = 16 * 1024

    /// One line, without its line end.
    struct Line: Equatable {
        var text: String
        var truncated = false
    }

    private var pending: [UInt8] = []
    private var discarding = false

    /// Consumes `bytes` and returns the lines they complete.
    mutating func push(_ bytes: some Sequence<UInt8>) -> [Line] {
        var lines: [Line] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if !discarding && !pending.isEmpty { lines.append(Line(text: String(decoding: pending, as: UTF8.self))) }
                pending.removeAll(keepingCapacity: true)
                discarding = false
            } else if discarding {
                continue
            } else {
                pending.append(byte)
                if pending.count >= Self.maxLineBytes {
                    lines.append(Line(text: String(decoding: pending, as: UTF8.self), truncated: true))
                    pending.removeAll(keepingCapacity: true)
                    discarding = true
                }
            }
        }
        return lines
    }

    /// The unterminated last line, if any (at EOF).
    mutating func finish() -> Line? {
        defer { pending = [] }
        guard !discarding, !pending.isEmpty else { return nil }
        return Line(text: String(decoding: pending, as: UTF8.self))
    }
}
