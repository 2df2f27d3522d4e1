public import Dispatch

/// Runs blocking or CPU-heavy `work` (loading a model, decoding a long clip, reading a pipe) on a Dispatch thread and
/// returns its result: Swift's cooperative pool has one thread per core (two here), and work that holds one stalls
/// every task of the process.
public func offCooperativePool<Value: Sendable, Failure: Error>(
    qos: DispatchQoS.QoSClass = .userInitiated,
    _ work: @escaping @Sendable () throws(Failure) -> Value
) async throws(Failure) -> Value {
    let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, Failure>, Never>) in
        DispatchQueue.global(qos: qos).async {
            continuation.resume(returning: Result { () throws(Failure) in try work() })
        }
    }
    return try result.get()
}
