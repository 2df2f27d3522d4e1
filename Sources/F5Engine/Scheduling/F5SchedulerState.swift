public import SpeechCore

/// The cross-request batching scheduler as a pure state machine: events in, actions out, no I/O and no clock.
///
/// Requests submit their chunks as items. A request's first item is *urgent*: it goes out as soon as a worker is
/// idle, in a batch of first chunks only (fast first audio). A whole-file request's items skip the window instead:
/// they go out together as soon as a worker is idle and no first chunk is waiting (never in a batch with first
/// chunks, which would pad those to full length), up to `maxBatch` items a batch. Later items wait up to `window` for company, unless
/// `maxBatch` items are already queued. Later items that have waited longer than `starvationLimit` go before new
/// first chunks, so steady first-chunk traffic cannot starve running requests.
/// A batch never holds more than `maxBatchSize` in item sizes (the driver's encoded size of each item, so a
/// `synthesize` header stays under the protocol limit); a request with a single item larger than that fails at once.
/// Each worker runs one batch at a time, so items that queue up while all workers are busy form the next batch.
/// Results may come back in any order; each request's outputs are delivered strictly in item order.
///
/// The driver (``F5BatchDispatcher``) performs the returned ``Action``s and feeds back what happened.
public struct F5SchedulerState<Work: Sendable, Output: Sendable>: Sendable {
    /// A point in time, as the driver's clock reports it.
    public typealias Instant = ContinuousClock.Instant

    /// One chunk of one request.
    public struct Item: Sendable {
        /// The request it belongs to.
        public let request: Int
        /// Its position in the request, from 0.
        public let index: Int
        /// What to synthesise.
        public let work: Work
        /// Whether it skips the batching window and goes before everything else (a streamed request's first item).
        public let urgent: Bool
        /// Whether it skips the batching window, after urgent items (every item of a whole-file request).
        public let immediate: Bool
        /// When it was queued.
        public let enqueuedAt: Instant
        /// Its size as the driver measures it (counted against `maxBatchSize`).
        public let size: Int
    }

    /// What the driver must do.
    public enum Action: Sendable {
        /// Send `items` as one `synthesize` (batch id `batch`) to `worker`.
        case dispatch(worker: Int, batch: Int, items: [Item])
        /// Call ``timerFired(now:)`` at `deadline`.
        case armTimer(deadline: Instant)
        /// Hand item `index`'s output to `request` (always in index order).
        case deliver(request: Int, index: Int, output: Output)
        /// Every item of `request` has been delivered.
        case finish(request: Int)
        /// `request` failed; nothing more will be delivered to it.
        case fail(request: Int, error: SynthesisError)
        /// Ask `worker` to drop what has not started of `batch`: nobody wants its results any more.
        case cancelBatch(worker: Int, batch: Int)
    }

    /// Most items in one batch.
    public let maxBatch: Int
    /// How long a non-urgent item may wait for company.
    public let window: Duration
    /// How long a non-urgent item may wait before it goes ahead of first chunks.
    public let starvationLimit: Duration
    /// Largest total item size of one batch.
    public let maxBatchSize: Int

    private var queue: [Item] = []
    private var idleWorkers: [Int] = []
    private var batches: [Int: Batch] = [:]
    private var requests: [Int: RequestProgress] = [:]
    private var nextBatchID = 1
    private var armedDeadline: Instant?

    private struct Batch: Sendable {
        let worker: Int
        /// Items whose result has not come back, as (request, index).
        var open: Set<ItemKey>
        var cancelSent = false
    }

    private struct ItemKey: Hashable, Sendable {
        let request: Int
        let index: Int
    }

    private struct RequestProgress: Sendable {
        let count: Int
        var nextToDeliver = 0
        var held: [Int: Output] = [:]
        /// When the request last had an item dispatched (or was submitted).
        var lastProgress: Instant
    }

    /// Creates an empty scheduler.
    ///
    /// - Parameters:
    ///   - starvationLimit: defaults to four windows, at least 50 ms.
    ///   - maxBatchSize: the largest sum of item sizes in one batch (unlimited by default).
    public init(maxBatch: Int, window: Duration, starvationLimit: Duration? = nil, maxBatchSize: Int = .max) {
        self.maxBatch = max(1, maxBatch)
        self.window = window
        self.starvationLimit = starvationLimit ?? max(window * 4, .milliseconds(50))
        self.maxBatchSize = max(1, maxBatchSize)
    }

    // MARK: Observation

    /// Items waiting for a worker.
    public var queuedCount: Int { queue.count }
    /// Requests that have not finished, failed or been cancelled.
    public var activeRequestCount: Int { requests.count }
    /// Batches sent to workers and not yet finished.
    public var inFlightBatchCount: Int { batches.count }
    /// Workers waiting for work, in the order they became idle.
    public var idleWorkerIDs: [Int] { idleWorkers }

    // MARK: Events

    /// A new request with one item per chunk, in order.
    ///
    /// `sizes` (one per work, default 1 each) count against `maxBatchSize`; a work larger than that fails the request
    /// at once with `tooLarge(index, size)`. `wholeFile` marks a request that wants all its items at once (see the
    /// type's documentation) rather than its first item soon.
    public mutating func submit(
        request: Int,
        works: [Work],
        sizes: [Int]? = nil,
        wholeFile: Bool = false,
        now: Instant,
        tooLarge: (Int, Int) -> SynthesisError = { index, size in
            SynthesisError(.invalidOption, "chunk \(index) is too large to send (\(size) bytes)")
        }
    ) -> [Action] {
        guard !works.isEmpty else { return [.finish(request: request)] }
        let sizes = sizes ?? Array(repeating: 1, count: works.count)
        if let index = sizes.firstIndex(where: { $0 > maxBatchSize }) {
            return [.fail(request: request, error: tooLarge(index, sizes[index]))]
        }
        requests[request] = RequestProgress(count: works.count, lastProgress: now)
        for (index, work) in works.enumerated() {
            queue.append(
                Item(
                    request: request,
                    index: index,
                    work: work,
                    urgent: !wholeFile && index == 0,
                    immediate: wholeFile,
                    enqueuedAt: now,
                    size: sizes[index]
                )
            )
        }
        return schedule(now: now)
    }

    /// `worker` can take a batch (it just started, or restarted).
    public mutating func workerAvailable(_ worker: Int, now: Instant) -> [Action] {
        if !idleWorkers.contains(worker) && !batches.values.contains(where: { $0.worker == worker }) {
            idleWorkers.append(worker)
        }
        return schedule(now: now)
    }

    /// `worker` died or was stopped: the requests with items in its batch fail with `error`.
    public mutating func workerLost(_ worker: Int, error: SynthesisError) -> [Action] {
        idleWorkers.removeAll { $0 == worker }
        var actions: [Action] = []
        for (id, batch) in batches.sorted(by: { $0.key < $1.key }) where batch.worker == worker {
            batches[id] = nil
            for request in Set(batch.open.map(\.request)).sorted() { actions += failRequest(request, error: error) }
        }
        return actions
    }

    /// The timer armed by ``Action/armTimer(deadline:)`` went off.
    public mutating func timerFired(now: Instant) -> [Action] {
        armedDeadline = nil
        return schedule(now: now)
    }

    /// Item `index` of `request` came back from `batch`.
    public mutating func itemSucceeded(batch: Int, request: Int, index: Int, output: Output) -> [Action] {
        batches[batch]?.open.remove(ItemKey(request: request, index: index))
        guard var progress = requests[request] else { return [] }
        progress.held[index] = output
        var actions: [Action] = []
        while let next = progress.held.removeValue(forKey: progress.nextToDeliver) {
            actions.append(.deliver(request: request, index: progress.nextToDeliver, output: next))
            progress.nextToDeliver += 1
        }
        if progress.nextToDeliver == progress.count {
            requests[request] = nil
            actions.append(.finish(request: request))
        } else {
            requests[request] = progress
        }
        return actions
    }

    /// Item `index` of `request` failed in `batch`: the whole request fails.
    public mutating func itemFailed(batch: Int, request: Int, index: Int, error: SynthesisError) -> [Action] {
        batches[batch]?.open.remove(ItemKey(request: request, index: index))
        return failRequest(request, error: error)
    }

    /// `batch` ended normally (`done`): its worker is idle again; items it never answered fail their requests.
    public mutating func batchFinished(_ batch: Int, now: Instant) -> [Action] {
        guard let finished = batches.removeValue(forKey: batch) else { return schedule(now: now) }
        var actions: [Action] = []
        for request in Set(finished.open.map(\.request)).sorted() {
            actions += failRequest(request, error: SynthesisError(.engineFailure, "the F5 worker finished a batch without audio for every item"))
        }
        idleWorkers.append(finished.worker)
        return actions + schedule(now: now)
    }

    /// `batch` failed as a whole (an `error` reply without `item_id`); its worker can take work again.
    public mutating func batchFailed(_ batch: Int, error: SynthesisError, now: Instant) -> [Action] {
        guard let failed = batches.removeValue(forKey: batch) else { return schedule(now: now) }
        var actions: [Action] = []
        for request in Set(failed.open.map(\.request)).sorted() { actions += failRequest(request, error: error) }
        idleWorkers.append(failed.worker)
        return actions + schedule(now: now)
    }

    /// `batch` never reached its worker and the worker is not coming back under this batch: its requests fail and
    /// the worker is not made idle (a later ``workerAvailable(_:now:)`` does that).
    public mutating func batchLost(_ batch: Int, error: SynthesisError) -> [Action] {
        guard let lost = batches.removeValue(forKey: batch) else { return [] }
        var actions: [Action] = []
        for request in Set(lost.open.map(\.request)).sorted() { actions += failRequest(request, error: error) }
        return actions
    }

    /// The consumer of `request` went away: drop its queued items and stop batches only it still needs.
    public mutating func cancel(request: Int) -> [Action] {
        guard requests.removeValue(forKey: request) != nil else { return [] }
        queue.removeAll { $0.request == request }
        return cancelOrphanedBatches()
    }

    /// When `request` must next be checked with ``expireIfStalled(request:now:timeout:error:)``: `timeout` after its
    /// last progress (submit or a dispatch), while it still has queued items; `nil` once it has none or is gone.
    public func stallDeadline(request: Int, timeout: Duration) -> Instant? {
        guard let progress = requests[request], queue.contains(where: { $0.request == request }) else { return nil }
        return progress.lastProgress + timeout
    }

    /// Fails `request` if it still has queued items and none of its items was dispatched within `timeout` before
    /// `now` (measured from when its last item went out, not from submission).
    public mutating func expireIfStalled(request: Int, now: Instant, timeout: Duration, error: SynthesisError) -> [Action] {
        guard let deadline = stallDeadline(request: request, timeout: timeout), deadline <= now else { return [] }
        return failRequest(request, error: error)
    }

    // MARK: Internals

    private mutating func failRequest(_ request: Int, error: SynthesisError) -> [Action] {
        guard requests.removeValue(forKey: request) != nil else { return [] }
        queue.removeAll { $0.request == request }
        return [.fail(request: request, error: error)] + cancelOrphanedBatches()
    }

    /// Batches whose open items all belong to requests that are gone get a `cancel` (once).
    private mutating func cancelOrphanedBatches() -> [Action] {
        var actions: [Action] = []
        for (id, batch) in batches.sorted(by: { $0.key < $1.key }) where !batch.cancelSent {
            guard !batch.open.isEmpty, batch.open.allSatisfy({ requests[$0.request] == nil }) else { continue }
            batches[id]?.cancelSent = true
            actions.append(.cancelBatch(worker: batch.worker, batch: id))
        }
        return actions
    }

    private mutating func schedule(now: Instant) -> [Action] {
        var actions: [Action] = []
        while !idleWorkers.isEmpty, let oldest = queue.first {
            let urgent = queue.filter(\.urgent)
            let items: [Item]
            if queue.contains(where: { !$0.urgent && $0.enqueuedAt + starvationLimit <= now }) {
                // Later chunks that have waited too long go first, so a stream of new requests cannot starve them.
                items = Self.fill(queue.filter { !$0.urgent }, maxCount: maxBatch, maxSize: maxBatchSize)
            } else if !urgent.isEmpty {
                // First chunks travel alone (with other first chunks): padding them to a long later chunk would
                // delay the first audio.
                items = Self.fill(urgent, maxCount: maxBatch, maxSize: maxBatchSize)
            } else if queue.contains(where: \.immediate) {
                // Whole files wait for no one: nobody listens before the last chunk is done.
                items = Self.fill(queue.filter(\.immediate), maxCount: maxBatch, maxSize: maxBatchSize)
            } else if queue.count >= maxBatch || oldest.enqueuedAt + window <= now {
                items = Self.fill(queue, maxCount: maxBatch, maxSize: maxBatchSize)
            } else {
                break
            }
            let taken = Set(items.map { ItemKey(request: $0.request, index: $0.index) })
            queue.removeAll { taken.contains(ItemKey(request: $0.request, index: $0.index)) }
            let worker = idleWorkers.removeFirst()
            let id = nextBatchID
            nextBatchID += 1
            batches[id] = Batch(worker: worker, open: taken)
            for request in Set(items.map(\.request)) { requests[request]?.lastProgress = now }
            actions.append(.dispatch(worker: worker, batch: id, items: items))
        }
        if !idleWorkers.isEmpty, let oldest = queue.first {
            let deadline = oldest.enqueuedAt + window
            if armedDeadline.map({ deadline < $0 }) ?? true {
                armedDeadline = deadline
                actions.append(.armTimer(deadline: deadline))
            }
        }
        return actions
    }

    /// The longest prefix of `candidates` within `maxCount` items and `maxSize` total size (at least one item).
    private static func fill(_ candidates: [Item], maxCount: Int, maxSize: Int) -> [Item] {
        var items: [Item] = []
        var size = 0
        for item in candidates.prefix(maxCount) {
            guard items.isEmpty || size + item.size <= maxSize else { break }
            items.append(item)
            size += item.size
        }
        return items
    }
}
