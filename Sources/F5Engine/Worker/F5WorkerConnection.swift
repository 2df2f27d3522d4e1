import Foundation
public import SpeechCore

/// Talks the protocol with one ``F5WorkerProcess``: numbers requests, routes replies to whoever waits for them,
/// and fails every waiter at once when the worker goes away.
///
/// Call ``run()`` (it returns when the worker's stdout ends) before waiting on any reply.
public actor F5WorkerConnection {
    /// The process behind this connection.
    public nonisolated let process: F5WorkerProcess

    private var nextID = 1
    private var calls: [Int: CheckedContinuation<F5WorkerMessage, any Error>] = [:]
    private var streams: [Int: AsyncStream<F5WorkerMessage>.Continuation] = [:]
    private var closedError: SynthesisError?
    private var lastReply = ContinuousClock.now

    /// Wraps a started process.
    public init(process: F5WorkerProcess) {
        self.process = process
    }

    /// The worker's index.
    public nonisolated var index: Int { process.index }

    /// Routes replies until stdout ends, then fails everything still waiting with the reason and returns it.
    public func run() async -> SynthesisError {
        var undecodable: String?
        for await frame in process.frames {
            let message: F5WorkerMessage
            do {
                message = try F5WorkerMessage(frame)
            } catch {
                // Well framed but not a message we know: the worker and this server disagree on the protocol.
                undecodable = "\(error)"
                process.kill()
                break
            }
            route(message)
        }
        let reason: String
        if let protocolError = process.streamError {
            _ = await process.waitForExit()
            reason = "broke the protocol (\(protocolError))"
        } else if let undecodable {
            _ = await process.waitForExit()
            reason = "sent a message this server cannot read (\(undecodable))"
        } else {
            reason = "exited (\(await process.waitForExit()))"
        }
        let error = SynthesisError(.unavailable, "F5 worker \(index) \(reason); it is being restarted")
        close(with: error)
        return error
    }

    /// Whether nothing is waiting for a reply.
    public var isIdle: Bool { calls.isEmpty && streams.isEmpty }

    /// How long ago the worker last sent a frame.
    public var sinceLastReply: Duration { ContinuousClock.now - lastReply }

    /// Sends the request `make(id)` and returns its single reply; an `error` reply throws.
    ///
    /// - Parameter timeout: when no reply comes in time the worker is killed (it has stopped answering).
    public func call<Message: F5Message>(
        payload: [Float] = [],
        timeout: Duration,
        _ make: (Int) -> Message
    ) async throws -> F5WorkerMessage {
        if let closedError { throw closedError }
        let id = takeID()
        let frame = try F5Frame(make(id), payload: payload)
        let process = self.process
        let timer = Task { [weak self] in
            try await Task.sleep(for: timeout)
            await self?.timedOut(id, after: timeout)
        }
        defer { timer.cancel() }
        let reply = try await withTaskCancellationHandler { () async throws -> F5WorkerMessage in
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<F5WorkerMessage, any Error>) in
                guard !Task.isCancelled else { return continuation.resume(throwing: CancellationError()) }
                calls[id] = continuation
                Task { [weak self] in
                    do {
                        try await process.send(frame)
                    } catch {
                        let failure = SynthesisError(.unavailable, "cannot write to F5 worker \(process.index): \(error)")
                        await self?.resolveCall(id, with: .failure(failure))
                    }
                }
            }
        } onCancel: {
            Task { [weak self] in await self?.resolveCall(id, with: .failure(CancellationError())) }
        }
        if case .error(let error) = reply { throw Self.synthesisError(error, worker: index) }
        return reply
    }

    /// Sends a `synthesize` and returns its id and the stream of its replies (`audio`, item `error`, then `done`
    /// or a request `error`); the stream also ends when the worker goes away.
    public func synthesize(_ items: [F5SynthesisItem]) async throws -> (id: Int, replies: AsyncStream<F5WorkerMessage>) {
        if let closedError { throw closedError }
        let id = takeID()
        let frame = try F5Frame(F5SynthesizeRequest(id: id, items: items))
        // Refused before anything is written: the worker stays healthy.
        guard frame.header.count <= F5ProtocolLimits.maxHeaderBytes else { throw F5ProtocolError.headerTooLarge(frame.header.count) }
        let (stream, continuation) = AsyncStream.makeStream(of: F5WorkerMessage.self)
        streams[id] = continuation
        do {
            try await process.send(frame)
        } catch {
            streams[id] = nil
            continuation.finish()
            throw SynthesisError(.unavailable, "cannot write to F5 worker \(index): \(error)")
        }
        return (id, stream)
    }

    /// Asks the worker to drop the unstarted items of `synthesize` `target`; its stream still ends normally.
    public func cancel(target: Int) async {
        guard closedError == nil else { return }
        let id = takeID()
        guard let frame = try? F5Frame(F5CancelRequest(id: id, target: target)) else { return }
        try? await process.send(frame)
    }

    // MARK: Internals

    private func takeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    private func route(_ message: F5WorkerMessage) {
        lastReply = .now
        if let stream = streams[message.id] {
            stream.yield(message)
            if message.endsRequest {
                streams[message.id] = nil
                stream.finish()
            }
            return
        }
        // Cancel acknowledgements and replies to calls that already timed out have nobody waiting.
        resolveCall(message.id, with: .success(message))
    }

    private func resolveCall(_ id: Int, with result: Result<F5WorkerMessage, any Error>) {
        calls.removeValue(forKey: id)?.resume(with: result)
    }

    private func timedOut(_ id: Int, after timeout: Duration) {
        guard calls[id] != nil else { return }
        let error = SynthesisError(.unavailable, "F5 worker \(index) did not answer within \(timeout); it is being restarted")
        resolveCall(id, with: .failure(error))
        process.kill()
    }

    private func close(with error: SynthesisError) {
        closedError = error
        for (_, call) in calls { call.resume(throwing: error) }
        calls = [:]
        for (_, stream) in streams { stream.finish() }
        streams = [:]
    }

    /// The engine error for a worker's `error` reply.
    static func synthesisError(_ reply: F5ErrorReply, worker: Int) -> SynthesisError {
        let code: SynthesisError.Code =
            switch reply.code {
            case "unknown_voice": .unknownVoice
            case "bad_request": .invalidOption
            case "not_loaded", "out_of_memory": .unavailable
            default: .engineFailure
            }
        return SynthesisError(code, "F5 worker \(worker): \(reply.message) (\(reply.code))")
    }
}
