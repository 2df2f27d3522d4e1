import F5Engine
import SpeechCore
import Testing

/// The batching scheduler as a pure state machine: every test is a recorded sequence of events and actions.
@Suite struct SchedulerStateTests {
    typealias State = F5SchedulerState<String, String>
    let t0 = ContinuousClock.now

    @Test func aFirstChunkGoesOutAtOnceAndLaterChunksWaitForTheWindow() {
        var state = State(maxBatch: 16, window: .milliseconds(5))
        var log = Recorder(origin: t0)
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.submit(request: 1, works: ["a0", "a1", "a2"], now: t0))
        // The worker is busy: nothing else goes out and no timer is needed.
        log.record(state.submit(request: 2, works: ["b0", "b1"], now: t0 + .milliseconds(1)))
        log.record(state.itemSucceeded(batch: 1, request: 1, index: 0, output: "A0"))
        log.record(state.batchFinished(1, now: t0 + .milliseconds(2)))
        log.record(state.itemSucceeded(batch: 2, request: 2, index: 0, output: "B0"))
        log.record(state.batchFinished(2, now: t0 + .milliseconds(3)))
        log.record(state.timerFired(now: t0 + .milliseconds(5)))
        #expect(
            log.lines == [
                "dispatch w0 b1 [1.0]",
                "deliver r1 #0 A0",
                "dispatch w0 b2 [2.0]",  // request 2's first chunk jumps the queue, alone
                "deliver r2 #0 B0",
                "timer +5ms",  // the oldest later chunk (1.1, queued at 0 ms) may wait until 5 ms
                "dispatch w0 b3 [1.1 1.2 2.1]",  // then every later chunk goes together, in queue order
            ]
        )
    }

    @Test func aWholeFileRequestSendsEveryChunkInTheNextBatch() {
        var state = State(maxBatch: 16, window: .milliseconds(5))
        var log = Recorder(origin: t0)
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.workerAvailable(1, now: t0))
        // A stream's later chunks wait for company; a whole file's chunks all go at once, in one batch.
        log.record(state.submit(request: 1, works: ["a0", "a1", "a2"], wholeFile: true, now: t0))
        log.record(state.submit(request: 2, works: ["b0", "b1"], now: t0))
        #expect(log.lines == ["dispatch w0 b1 [1.0 1.1 1.2]", "dispatch w1 b2 [2.0]"])  // 2.1 waits for a free worker
    }

    @Test func aStreamsFirstChunkNeverRidesWithAWholeFile() {
        var state = State(maxBatch: 16, window: .milliseconds(5))
        var log = Recorder(origin: t0)
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.submit(request: 1, works: ["a0"], now: t0))
        // While the only worker is busy, a whole file and a stream queue up.
        log.record(state.submit(request: 2, works: ["w0", "w1"], wholeFile: true, now: t0 + .milliseconds(1)))
        log.record(state.submit(request: 3, works: ["s0", "s1"], now: t0 + .milliseconds(2)))
        log.record(state.itemSucceeded(batch: 1, request: 1, index: 0, output: "A0"))
        log.record(state.batchFinished(1, now: t0 + .milliseconds(3)))
        log.record(state.itemSucceeded(batch: 2, request: 3, index: 0, output: "S0"))
        log.record(state.batchFinished(2, now: t0 + .milliseconds(4)))
        #expect(
            log.lines == [
                "dispatch w0 b1 [1.0]",
                "deliver r1 #0 A0",
                "finish r1",
                "dispatch w0 b2 [3.0]",  // the stream's first chunk alone, not padded to the whole file's chunks
                "deliver r3 #0 S0",
                "dispatch w0 b3 [2.0 2.1]",  // then the whole file, without waiting for the window
            ]
        )
    }

    @Test func firstChunksOfConcurrentRequestsBatchTogether() {
        var state = State(maxBatch: 16, window: .milliseconds(5))
        var log = Recorder(origin: t0)
        log.record(state.submit(request: 1, works: ["a0", "a1"], now: t0))
        log.record(state.submit(request: 2, works: ["b0"], now: t0))
        log.record(state.submit(request: 3, works: ["c0", "c1"], now: t0))
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.workerAvailable(1, now: t0))
        #expect(log.lines == ["dispatch w0 b1 [1.0 2.0 3.0]", "timer +5ms"])
        log.clear()
        log.record(state.timerFired(now: t0 + .milliseconds(4)))
        #expect(log.lines == ["timer +5ms"])  // fired early: nothing is due yet, so it is armed again
        log.clear()
        log.record(state.timerFired(now: t0 + .milliseconds(5)))
        #expect(log.lines == ["dispatch w1 b2 [1.1 3.1]"])
    }

    @Test func aBatchThatLosesItsItemsFailsThoseRequestsAndTheWorkerCarriesOn() {
        var state = State(maxBatch: 16, window: .milliseconds(5))
        var log = Recorder(origin: t0)
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.workerAvailable(1, now: t0))
        log.record(state.submit(request: 1, works: ["a0", "a1"], now: t0))
        log.record(state.submit(request: 2, works: ["b0", "b1"], now: t0 + .milliseconds(1)))
        #expect(log.lines == ["dispatch w0 b1 [1.0]", "timer +5ms", "dispatch w1 b2 [2.0]"])
        log.clear()
        log.record(state.timerFired(now: t0 + .milliseconds(5)))
        #expect(log.lines == [])  // no idle worker
        log.record(state.batchFinished(1, now: t0 + .milliseconds(5)))
        #expect(log.lines == ["fail r1 engine_failure", "timer +6ms"])  // b1 ended without audio for 1.0
        log.clear()
        log.record(state.timerFired(now: t0 + .milliseconds(6)))
        #expect(log.lines == ["dispatch w0 b3 [2.1]"])
    }

    @Test func aFullBatchGoesOutWithoutWaiting() {
        var state = State(maxBatch: 3, window: .seconds(10))
        var log = Recorder(origin: t0)
        log.record(state.submit(request: 1, works: ["a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7"], now: t0))
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.workerAvailable(1, now: t0))
        log.record(state.workerAvailable(2, now: t0))
        log.record(state.workerAvailable(3, now: t0))
        #expect(
            log.lines == [
                "dispatch w0 b1 [1.0]", "dispatch w1 b2 [1.1 1.2 1.3]", "dispatch w2 b3 [1.4 1.5 1.6]", "timer +10000ms",
            ]
        )
        #expect(state.queuedCount == 1)
    }

    @Test func outOfOrderResultsAreHeldBackUntilTheirPredecessorsAreOut() {
        var state = State(maxBatch: 16, window: .zero)
        var log = Recorder(origin: t0)
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.submit(request: 1, works: ["a0", "a1", "a2", "a3"], now: t0))
        log.record(state.itemSucceeded(batch: 1, request: 1, index: 0, output: "A0"))
        log.record(state.batchFinished(1, now: t0))
        #expect(log.lines == ["dispatch w0 b1 [1.0]", "deliver r1 #0 A0", "dispatch w0 b2 [1.1 1.2 1.3]"])
        log.clear()
        log.record(state.itemSucceeded(batch: 2, request: 1, index: 3, output: "A3"))
        log.record(state.itemSucceeded(batch: 2, request: 1, index: 2, output: "A2"))
        #expect(log.lines == [])
        log.record(state.itemSucceeded(batch: 2, request: 1, index: 1, output: "A1"))
        #expect(log.lines == ["deliver r1 #1 A1", "deliver r1 #2 A2", "deliver r1 #3 A3", "finish r1"])
        log.clear()
        log.record(state.batchFinished(2, now: t0))
        #expect(log.lines == [] && state.activeRequestCount == 0 && state.idleWorkerIDs == [0])
    }

    @Test func cancellingDropsQueuedItemsAndCancelsBatchesNobodyNeeds() {
        var state = State(maxBatch: 2, window: .zero)
        var log = Recorder(origin: t0)
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.submit(request: 1, works: ["a0", "a1", "a2", "a3", "a4"], now: t0))
        log.record(state.itemSucceeded(batch: 1, request: 1, index: 0, output: "A0"))
        log.record(state.batchFinished(1, now: t0))
        #expect(log.lines == ["dispatch w0 b1 [1.0]", "deliver r1 #0 A0", "dispatch w0 b2 [1.1 1.2]"])
        log.clear()
        log.record(state.cancel(request: 1))
        #expect(log.lines == ["cancel w0 b2"])
        #expect(state.queuedCount == 0 && state.activeRequestCount == 0)
        log.clear()
        // Late results and the `cancelled` item errors go nowhere; the worker becomes idle again.
        log.record(state.itemSucceeded(batch: 2, request: 1, index: 1, output: "A1"))
        log.record(state.itemFailed(batch: 2, request: 1, index: 2, error: SynthesisError(.engineFailure, "cancelled")))
        log.record(state.batchFinished(2, now: t0))
        #expect(log.lines == [] && state.idleWorkerIDs == [0])
    }

    @Test func aBatchSharedWithALiveRequestIsNotCancelled() {
        var state = State(maxBatch: 16, window: .zero)
        var log = Recorder(origin: t0)
        log.record(state.submit(request: 1, works: ["a0"], now: t0))
        log.record(state.submit(request: 2, works: ["b0"], now: t0))
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.cancel(request: 1))
        #expect(log.lines == ["dispatch w0 b1 [1.0 2.0]"])
        log.record(state.itemSucceeded(batch: 1, request: 2, index: 0, output: "B0"))
        #expect(log.lines.suffix(2) == ["deliver r2 #0 B0", "finish r2"])
    }

    @Test func aLostWorkerFailsItsRequestsAtOnceAndOthersCarryOn() {
        var state = State(maxBatch: 16, window: .seconds(1))
        var log = Recorder(origin: t0)
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.workerAvailable(1, now: t0))
        log.record(state.submit(request: 1, works: ["a0", "a1"], now: t0))
        log.record(state.submit(request: 2, works: ["b0"], now: t0))
        #expect(log.lines == ["dispatch w0 b1 [1.0]", "timer +1000ms", "dispatch w1 b2 [2.0]"])
        log.clear()
        log.record(state.workerLost(0, error: SynthesisError(.unavailable, "F5 worker 0 exited (status 9)")))
        #expect(log.lines == ["fail r1 engine_unavailable"])
        #expect(state.queuedCount == 0)  // 1.1 went with its request
        log.clear()
        log.record(state.itemSucceeded(batch: 2, request: 2, index: 0, output: "B0"))
        log.record(state.batchFinished(2, now: t0))
        log.record(state.workerAvailable(0, now: t0))  // restarted
        log.record(state.submit(request: 3, works: ["c0"], now: t0))
        #expect(log.lines == ["deliver r2 #0 B0", "finish r2", "dispatch w1 b3 [3.0]"])
    }

    @Test func anItemErrorFailsOnlyItsRequest() {
        var state = State(maxBatch: 16, window: .zero)
        var log = Recorder(origin: t0)
        log.record(state.submit(request: 1, works: ["a0"], now: t0))
        log.record(state.submit(request: 2, works: ["b0"], now: t0))
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.itemFailed(batch: 1, request: 1, index: 0, error: SynthesisError(.unknownVoice, "no voice")))
        log.record(state.itemSucceeded(batch: 1, request: 2, index: 0, output: "B0"))
        log.record(state.batchFinished(1, now: t0))
        #expect(log.lines == ["dispatch w0 b1 [1.0 2.0]", "fail r1 unknown_voice", "deliver r2 #0 B0", "finish r2"])
    }

    @Test func laterChunksThatWaitedTooLongGoBeforeNewFirstChunks() {
        var state = State(maxBatch: 16, window: .milliseconds(5), starvationLimit: .milliseconds(20))
        var log = Recorder(origin: t0)
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.submit(request: 1, works: ["a0", "a1"], now: t0))
        log.record(state.submit(request: 2, works: ["b0"], now: t0 + .milliseconds(10)))
        log.record(state.itemSucceeded(batch: 1, request: 1, index: 0, output: "A0"))
        // 1.1 has waited 10 ms: first chunks still go first.
        log.record(state.batchFinished(1, now: t0 + .milliseconds(10)))
        log.record(state.submit(request: 3, works: ["c0"], now: t0 + .milliseconds(15)))
        log.record(state.itemSucceeded(batch: 2, request: 2, index: 0, output: "B0"))
        // 1.1 has now waited 25 ms > 20 ms: it goes before 3.0.
        log.record(state.batchFinished(2, now: t0 + .milliseconds(25)))
        #expect(
            log.lines == [
                "dispatch w0 b1 [1.0]", "deliver r1 #0 A0", "dispatch w0 b2 [2.0]", "deliver r2 #0 B0", "finish r2",
                "dispatch w0 b3 [1.1]",
            ]
        )
    }

    @Test func batchesStayWithinTheSizeBudgetAndOversizedItemsFail() {
        var state = State(maxBatch: 16, window: .zero, maxBatchSize: 10)
        var log = Recorder(origin: t0)
        log.record(state.submit(request: 1, works: ["a0"], sizes: [11], now: t0))
        log.record(state.submit(request: 2, works: ["b0", "b1", "b2", "b3"], sizes: [4, 4, 4, 10], now: t0))
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.workerAvailable(1, now: t0))
        log.record(state.workerAvailable(2, now: t0))
        #expect(log.lines == ["fail r1 invalid_option", "dispatch w0 b1 [2.0]", "dispatch w1 b2 [2.1 2.2]", "dispatch w2 b3 [2.3]"])
    }

    @Test func aRequestExpiresOnlyWhenItMadeNoProgressForTheTimeout() {
        var state = State(maxBatch: 1, window: .zero)
        var log = Recorder(origin: t0)
        let timeout = Duration.milliseconds(100)
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.submit(request: 1, works: ["a0", "a1"], now: t0))
        log.record(state.itemSucceeded(batch: 1, request: 1, index: 0, output: "A0"))
        log.record(state.batchFinished(1, now: t0 + .milliseconds(90)))  // 1.1 goes out at 90 ms
        log.record(state.itemSucceeded(batch: 2, request: 1, index: 1, output: "A1"))
        #expect(state.stallDeadline(request: 1, timeout: timeout) == nil)

        log.record(state.submit(request: 2, works: ["b0", "b1"], now: t0 + .milliseconds(100)))  // worker busy (b2)
        log.record(state.expireIfStalled(request: 2, now: t0 + .milliseconds(150), timeout: timeout, error: SynthesisError(.unavailable, "x")))
        #expect(state.stallDeadline(request: 2, timeout: timeout) == t0 + .milliseconds(200))
        log.record(state.expireIfStalled(request: 2, now: t0 + .milliseconds(200), timeout: timeout, error: SynthesisError(.unavailable, "x")))
        #expect(
            log.lines == [
                "dispatch w0 b1 [1.0]", "deliver r1 #0 A0", "dispatch w0 b2 [1.1]", "deliver r1 #1 A1", "finish r1", "fail r2 engine_unavailable",
            ]
        )
        #expect(state.queuedCount == 0)  // the failed request's waiting items are gone
    }

    @Test func aBatchLostBeforeSendingFailsItsRequestsWithoutIdlingTheWorker() {
        var state = State(maxBatch: 16, window: .zero)
        var log = Recorder(origin: t0)
        log.record(state.workerAvailable(0, now: t0))
        log.record(state.submit(request: 1, works: ["a0"], now: t0))
        log.record(state.batchLost(1, error: SynthesisError(.unavailable, "write failed")))
        #expect(log.lines == ["dispatch w0 b1 [1.0]", "fail r1 engine_unavailable"])
        #expect(state.idleWorkerIDs.isEmpty)
        #expect(state.inFlightBatchCount == 0)
    }

    /// Writes actions as short lines, so a test reads as the sequence it expects.
    struct Recorder {
        let origin: ContinuousClock.Instant
        private(set) var lines: [String] = []

        mutating func record(_ actions: [State.Action]) {
            for action in actions {
                switch action {
                case .dispatch(let worker, let batch, let items):
                    lines.append("dispatch w\(worker) b\(batch) [\(items.map { "\($0.request).\($0.index)" }.joined(separator: " "))]")
                case .armTimer(let deadline):
                    let offset = (deadline - origin).components
                    lines.append("timer +\(offset.seconds * 1000 + offset.attoseconds / 1_000_000_000_000_000)ms")
                case .deliver(let request, let index, let output): lines.append("deliver r\(request) #\(index) \(output)")
                case .finish(let request): lines.append("finish r\(request)")
                case .fail(let request, let error): lines.append("fail r\(request) \(error.code.rawValue)")
                case .cancelBatch(let worker, let batch): lines.append("cancel w\(worker) b\(batch)")
                }
            }
        }

        mutating func clear() { lines = [] }
    }
}
