/// What the F5 engine does, as it happens: for metrics and for tests that must act at an exact moment.
///
/// Observers are called synchronously on the engine's actors, so they must be quick and must not block.
public enum F5EngineEvent: Sendable, Equatable {
    /// Worker `worker` (process `pid`) finished its handshake and takes batches.
    case workerReady(worker: Int, pid: Int32)
    /// Worker `worker` (process `pid`) finished its handshake and waits as its device's standby.
    case standbyReady(worker: Int, pid: Int32)
    /// `device` gets no standby worker: the policy is `auto` and the device has no room for one (or is not a CUDA device).
    case standbySkipped(device: String)
    /// Worker `worker`, prepared without its voices' warm-up (it started beside a serving worker), finished warming
    /// up in the engine's quiet moments, capturing `graphs` CUDA graphs.
    case workerWarmed(worker: Int, graphs: Int)
    /// Standby worker `worker` took over from `replacing`, which died, and takes batches now.
    case standbyPromoted(worker: Int, replacing: Int)
    /// Worker `worker` is gone (exited, broke the protocol, timed out, or was stopped).
    case workerLost(worker: Int, reason: String)
    /// Worker `worker` ended (or never started: `lastError` says why) and will be started again after a delay.
    case workerRestarting(worker: Int, lastError: String?)
    /// A request was planned into `chunks` chunks for voice `voice` (a `target_rms` variant has its own id).
    case requestPlanned(voice: String, chunks: Int)
    /// Batch `batch` of `items` chunks was handed to worker `worker`.
    case batchDispatched(worker: Int, batch: Int, items: Int)
    /// Batch `batch` on worker `worker` ended with the worker's `done`: `roundTrip` from before its frame was written
    /// to the `done` read, `timings` what the worker reported (`nil` from a worker that reports none).
    case batchFinished(worker: Int, batch: Int, items: Int, roundTrip: Duration, timings: F5BatchTimings?)
    /// A request's consumer went away; `droppedItems` of its chunks were still queued and will not be synthesized.
    case requestCancelled(droppedItems: Int)
}

/// Receives ``F5EngineEvent``s.
public typealias F5EngineObserver = @Sendable (F5EngineEvent) -> Void
