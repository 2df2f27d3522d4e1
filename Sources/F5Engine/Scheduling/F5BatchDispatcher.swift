import Foundation
public import Logging
public import SpeechCore

/// Drives ``F5SchedulerState`` with real workers, timers and per-request streams.
///
/// The supervisor reports workers coming and going; the engine submits each request's items and reads back its
/// audio in order. A batch that takes longer than `requestTimeout` gets its worker killed (the supervisor restarts
/// it and its requests fail), and a request none of whose items went out within `requestTimeout` (counted from its
/// submission or its last dispatched item) fails as unavailable. A batch whose `synthesize` cannot be sent fails its
/// requests at once: the worker goes back to the pool when the frame itself was refused (too large), and is killed
/// and treated as lost when writing to it failed. Batches are kept under the protocol's header limit; a request
/// with a chunk too large for any header fails as `invalid_option`.
public actor F5BatchDispatcher {
    private var state: F5SchedulerState<F5SynthesisItem, [Float]>
    private var connections: [Int: F5WorkerConnection] = [:]
    private var sinks: [Int: AsyncThrowingStream<F5ItemAudio, any Error>.Continuation] = [:]
    private var workerBatchIDs: [Int: Int] = [:]
    private var nextRequest = 1
    private var timer: Task<Void, Never>?
    private var timeouts: [Int: Task<Void, Never>] = [:]
    /// Since when nothing has been queued or running; `nil` while something is.
    private var idleSince: ContinuousClock.Instant? = .now
    private let requestTimeout: Duration
    private let logger: Logger
    private let observer: F5EngineObserver?

    /// Creates a dispatcher with no workers yet; `observer` hears dispatched batches and cancelled requests.
    public init(maxBatch: Int, window: Duration, requestTimeout: Duration, logger: Logger, observer: F5EngineObserver? = nil) {
        self.state = F5SchedulerState(maxBatch: maxBatch, window: window, maxBatchSize: Self.maxBatchHeaderBytes)
        self.requestTimeout = requestTimeout
        self.logger = logger
        self.observer = observer
    }

    // MARK: Requests

    /// Queues `items` (their `item_id`s are assigned here) and returns their audio in item order; with `allAtOnce`,
    /// every item goes out in the next batch (a whole-file request), not just the first.
    ///
    /// Dropping or cancelling the stream's consumer drops the request's queued items and cancels batches only it needs.
    public func submit(_ items: [F5SynthesisItem], allAtOnce: Bool = false) -> AsyncThrowingStream<F5ItemAudio, any Error> {
        let request = nextRequest
        nextRequest += 1
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: F5ItemAudio.self)
        sinks[request] = continuation
        continuation.onTermination = { [weak self] termination in
            guard case .cancelled = termination else { return }
            Task { await self?.cancel(request) }
        }
        let works = items.enumerated().map { index, item in
            var item = item
            item.itemID = "r\(request)-\(index)"
            return item
        }
        let now = ContinuousClock.now
        let timeout = requestTimeout
        timeouts[request] = Task { [weak self] in
            var deadline = now + timeout
            while (try? await Task.sleep(until: deadline, clock: .continuous)) != nil {
                guard let next = await self?.checkStalled(request) else { return }
                deadline = next
            }
        }
        perform(
            state.submit(request: request, works: works, sizes: works.map(Self.encodedSize), wholeFile: allAtOnce, now: now) { index, size in
                SynthesisError(
                    .invalidOption,
                    "chunk \(index) of the text is too large for the F5 worker protocol (\(size) bytes encoded; at most \(Self.maxBatchHeaderBytes))"
                )
            }
        )
        return stream
    }

    /// The header budget for a batch's items: the protocol's 1 MiB less room for the envelope.
    static let maxBatchHeaderBytes = F5ProtocolLimits.maxHeaderBytes - 4096

    /// An item's encoded JSON size plus its separating comma.
    static func encodedSize(_ item: F5SynthesisItem) -> Int {
        ((try? JSONEncoder().encode(item).count) ?? (item.text.utf8.count * 6 + 1024)) + 1
    }

    /// Since when the engine has had nothing queued or running (`nil`: something is): what background work on a
    /// serving worker's device waits for.
    public func quietSince() -> ContinuousClock.Instant? { idleSince }

    /// What is queued and running now.
    public func snapshot() -> F5SchedulerSnapshot {
        F5SchedulerSnapshot(
            queuedItems: state.queuedCount,
            activeRequests: state.activeRequestCount,
            inFlightBatches: state.inFlightBatchCount,
            liveWorkers: connections.count
        )
    }

    // MARK: Workers

    /// Worker `index` has loaded the model and every voice.
    public func workerReady(_ index: Int, connection: F5WorkerConnection) {
        connections[index] = connection
        // Requests may start now: quiet is counted from here, not from a time no worker could have served.
        if idleSince != nil { idleSince = .now }
        perform(state.workerAvailable(index, now: .now))
    }

    /// Worker `index` is gone; requests with items on it fail with `error` now.
    public func workerLost(_ index: Int, error: SynthesisError) {
        connections[index] = nil
        perform(state.workerLost(index, error: error))
    }

    // MARK: Internals

    private func cancel(_ request: Int) {
        let queuedBefore = state.queuedCount
        let actions = state.cancel(request: request)
        sinks[request] = nil
        timeouts.removeValue(forKey: request)?.cancel()
        let dropped = queuedBefore - state.queuedCount
        logger.debug(
            "F5 request cancelled",
            metadata: ["request": "\(request)", "dropped_items": "\(dropped)", "queued": "\(state.queuedCount)"]
        )
        observer?(.requestCancelled(droppedItems: dropped))
        perform(actions)
    }

    /// Fails `request` if it made no progress within the timeout; returns when to check again (`nil`: never).
    private func checkStalled(_ request: Int) -> ContinuousClock.Instant? {
        let error = SynthesisError(.unavailable, "no F5 worker took the request's next chunk within \(requestTimeout)")
        perform(state.expireIfStalled(request: request, now: .now, timeout: requestTimeout, error: error))
        guard let next = state.stallDeadline(request: request, timeout: requestTimeout) else {
            timeouts[request] = nil
            return nil
        }
        return next
    }

    private func timerFired() {
        timer = nil
        perform(state.timerFired(now: .now))
    }

    private func perform(_ actions: [F5SchedulerState<F5SynthesisItem, [Float]>.Action]) {
        defer {
            if state.queuedCount > 0 || state.inFlightBatchCount > 0 {
                idleSince = nil
            } else if idleSince == nil {
                idleSince = .now
            }
        }
        for action in actions {
            switch action {
            case .dispatch(let worker, let batch, let items):
                dispatch(items.map(\.work), batch: batch, worker: worker)
            case .armTimer(let deadline):
                timer?.cancel()
                timer = Task { [weak self] in
                    guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
                    await self?.timerFired()
                }
            case .deliver(let request, let index, let output):
                sinks[request]?.yield(F5ItemAudio(index: index, samples: output))
            case .finish(let request):
                timeouts.removeValue(forKey: request)?.cancel()
                sinks.removeValue(forKey: request)?.finish()
            case .fail(let request, let error):
                timeouts.removeValue(forKey: request)?.cancel()
                sinks.removeValue(forKey: request)?.finish(throwing: error)
            case .cancelBatch(let worker, let batch):
                guard let connection = connections[worker], let target = workerBatchIDs[batch] else { continue }
                logger.debug("F5 batch cancelled", metadata: ["worker": "\(worker)", "batch": "\(batch)"])
                Task { await connection.cancel(target: target) }
            }
        }
    }

    private func dispatch(_ items: [F5SynthesisItem], batch: Int, worker: Int) {
        logger.debug("F5 batch dispatched", metadata: ["worker": "\(worker)", "batch": "\(batch)", "items": "\(items.count)"])
        observer?(.batchDispatched(worker: worker, batch: batch, items: items.count))
        guard let connection = connections[worker] else {
            perform(state.workerLost(worker, error: SynthesisError(.unavailable, "F5 worker \(worker) is not running")))
            return
        }
        let keys = Dictionary(items.map { ($0.itemID, Self.key(of: $0.itemID)) }, uniquingKeysWith: { first, _ in first })
        let timeout = requestTimeout
        let observer = self.observer
        Task { [weak self] in
            let replies: AsyncStream<F5WorkerMessage>
            let sentAt = ContinuousClock.now
            do {
                let sent = try await connection.synthesize(items)
                await self?.started(batch, workerBatchID: sent.id)
                replies = sent.replies
            } catch {
                await self?.sendFailed(batch, worker: worker, connection: connection, error: error)
                return
            }
            let watchdog = Task {
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                connection.process.kill()
            }
            defer { watchdog.cancel() }
            for await reply in replies {
                if case .done(let done) = reply {
                    let roundTrip = ContinuousClock.now - sentAt
                    observer?(.batchFinished(worker: worker, batch: batch, items: keys.count, roundTrip: roundTrip, timings: F5BatchTimings(done)))
                }
                await self?.handle(reply, batch: batch, keys: keys, worker: worker)
            }
        }
    }

    /// The `synthesize` of `batch` could not be sent: fail its requests now. A refused frame leaves the worker
    /// healthy (back to the pool); a failed write means the worker is broken, so it is killed and treated as lost
    /// (the supervisor restarts it and reports it ready again).
    private func sendFailed(_ batch: Int, worker: Int, connection: F5WorkerConnection, error: any Error) {
        if let error = error as? F5ProtocolError {
            logger.error("F5 batch could not be encoded", metadata: ["worker": "\(worker)", "batch": "\(batch)", "error": "\(error)"])
            let failure = SynthesisError(.invalidOption, "the F5 batch could not be sent: \(error)")
            perform(state.batchFailed(batch, error: failure, now: .now))
            return
        }
        let failure =
            (error as? SynthesisError) ?? SynthesisError(.unavailable, "cannot send a batch to F5 worker \(worker): \(error)")
        logger.warning(
            "F5 batch could not be sent; dropping the worker",
            metadata: ["worker": "\(worker)", "batch": "\(batch)", "error": "\(failure.message)"]
        )
        connection.process.kill()
        if connections[worker] === connection {
            connections[worker] = nil
            perform(state.workerLost(worker, error: failure))
        } else {
            // A newer connection took the slot: only this batch's requests fail, and the worker index is not idled.
            perform(state.batchLost(batch, error: failure))
        }
    }

    private func started(_ batch: Int, workerBatchID: Int) {
        workerBatchIDs[batch] = workerBatchID
    }

    private func handle(_ reply: F5WorkerMessage, batch: Int, keys: [String: (Int, Int)?], worker: Int) {
        switch reply {
        case .audio(let audio, let samples):
            guard let key = keys[audio.itemID] ?? nil else { return }
            perform(state.itemSucceeded(batch: batch, request: key.0, index: key.1, output: samples))
        case .error(let error):
            if let itemID = error.itemID {
                guard let key = keys[itemID] ?? nil else { return }
                perform(state.itemFailed(batch: batch, request: key.0, index: key.1, error: F5WorkerConnection.synthesisError(error, worker: worker)))
            } else {
                workerBatchIDs[batch] = nil
                perform(state.batchFailed(batch, error: F5WorkerConnection.synthesisError(error, worker: worker), now: .now))
            }
        case .done:
            workerBatchIDs[batch] = nil
            perform(state.batchFinished(batch, now: .now))
        case .ready, .stats:
            break
        }
    }

    /// `r17-3` → (17, 3).
    private static func key(of itemID: String) -> (Int, Int)? {
        let parts = itemID.dropFirst().split(separator: "-")
        guard itemID.hasPrefix("r"), parts.count == 2, let request = Int(parts[0]), let index = Int(parts[1]) else { return nil }
        return (request, index)
    }
}
