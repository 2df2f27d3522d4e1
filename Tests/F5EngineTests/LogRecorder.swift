import Logging
import Synchronization

/// Keeps every log line in memory so tests can wait for events ("F5 worker ready") instead of sleeping,
/// and run a hook at the very moment a line is logged.
final class LogRecorder: Sendable {
    struct Entry: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    private struct Waiter {
        let predicate: @Sendable (Entry) -> Bool
        let continuation: CheckedContinuation<Entry, Never>
    }

    private struct State {
        var entries: [Entry] = []
        var waiters: [Waiter] = []
        var hooks: [(predicate: @Sendable (Entry) -> Bool, action: @Sendable (Entry) -> Void)] = []
    }

    private let state = Mutex(State())

    /// A logger at `.debug` that records here (and prints warnings and worse, to help when a test fails).
    func logger(label: String = "F5EngineTests") -> Logger {
        var logger = Logger(label: label) { _ in RecordingLogHandler(recorder: self) }
        logger.logLevel = .debug
        return logger
    }

    /// Every recorded line with this message.
    func entries(_ message: String) -> [Entry] {
        state.withLock { $0.entries.filter { $0.message == message } }
    }

    /// Waits for the `occurrence`-th line (counting from 1, past lines included) that matches.
    func wait(for message: String, occurrence: Int = 1, where condition: @escaping @Sendable (Entry) -> Bool = { _ in true }) async -> Entry {
        let counter = Mutex(0)
        let predicate: @Sendable (Entry) -> Bool = { entry in
            guard entry.message == message, condition(entry) else { return false }
            return counter.withLock { count in
                count += 1
                return count == occurrence
            }
        }
        return await withCheckedContinuation { continuation in
            let found = state.withLock { state -> Entry? in
                if let entry = state.entries.first(where: predicate) { return entry }
                state.waiters.append(Waiter(predicate: predicate, continuation: continuation))
                return nil
            }
            if let found { continuation.resume(returning: found) }
        }
    }

    /// Runs `action` synchronously, inside the logging call, for the first line with `message` that matches.
    func onFirst(_ message: String, where condition: @escaping @Sendable (Entry) -> Bool = { _ in true }, _ action: @escaping @Sendable (Entry) -> Void) {
        let fired = Mutex(false)
        state.withLock { state in
            state.hooks.append(
                (
                    predicate: { entry in
                        guard entry.message == message, condition(entry) else { return false }
                        return fired.withLock { done in
                            defer { done = true }
                            return !done
                        }
                    },
                    action: action
                ))
        }
    }

    fileprivate func record(_ entry: Entry) {
        let (ready, actions) = state.withLock { state -> ([(Waiter, Entry)], [@Sendable (Entry) -> Void]) in
            state.entries.append(entry)
            var ready: [(Waiter, Entry)] = []
            state.waiters.removeAll { waiter in
                guard waiter.predicate(entry) else { return false }
                ready.append((waiter, entry))
                return true
            }
            return (ready, state.hooks.filter { $0.predicate(entry) }.map(\.action))
        }
        for action in actions { action(entry) }
        for (waiter, entry) in ready { waiter.continuation.resume(returning: entry) }
    }
}

/// The swift-log handler behind ``LogRecorder/logger(label:)``.
struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged: [String: String] = [:]
        for (key, value) in metadata { merged[key] = "\(value)" }
        for (key, value) in event.metadata ?? [:] { merged[key] = "\(value)" }
        recorder.record(LogRecorder.Entry(level: event.level, message: "\(event.message)", metadata: merged))
        if event.level >= .warning {
            print("[\(event.level)] \(event.message) \(merged)")
        }
    }
}
