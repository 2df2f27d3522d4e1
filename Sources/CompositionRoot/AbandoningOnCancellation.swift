import Synchronization

/// Runs `operation` in its own task and waits for it, but stops waiting (throwing `CancellationError`) as soon as
/// the caller is cancelled; the operation then finishes on its own and its result is dropped.
///
/// For work that blocks a thread and cannot be interrupted, such as loading a model through a C library: a shutdown
/// must not wait for it.
func abandoningOnCancellation<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let outcome = OneShot<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            outcome.attach(continuation)
            Task {
                do {
                    outcome.resolve(.success(try await operation()))
                } catch {
                    outcome.resolve(.failure(error))
                }
            }
        }
    } onCancel: {
        outcome.resolve(.failure(CancellationError()))
    }
}

/// A continuation resumed exactly once, by whichever of the result and the cancellation comes first.
private final class OneShot<T: Sendable>: Sendable {
    private enum State {
        case waiting(CheckedContinuation<T, any Error>?)
        case resolved(Result<T, any Error>)
        case done
    }
    private let state = Mutex<State>(.waiting(nil))

    func attach(_ continuation: CheckedContinuation<T, any Error>) {
        let early: Result<T, any Error>? = state.withLock { state in
            switch state {
            case .waiting:
                state = .waiting(continuation)
                return nil
            case .resolved(let result):
                state = .done
                return result
            case .done:
                return nil
            }
        }
        if let early { continuation.resume(with: early) }
    }

    func resolve(_ result: Result<T, any Error>) {
        let continuation: CheckedContinuation<T, any Error>? = state.withLock { state in
            switch state {
            case .waiting(let continuation?):
                state = .done
                return continuation
            case .waiting(nil):
                state = .resolved(result)
                return nil
            case .resolved, .done:
                return nil
            }
        }
        continuation?.resume(with: result)
    }
}
