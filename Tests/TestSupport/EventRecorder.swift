import Synchronization

/// An in-process observer for tests: records every event a component reports, lets a test wait for one
/// (state, not log text or sleeps), and runs a hook at the very moment an event is reported.
///
/// ```swift
/// let events = EventRecorder<F5EngineEvent>()
/// let engine = try await F5Engine.load(voices: voices, settings: settings, logger: logger, observer: events.observer)
/// _ = await events.wait { if case .workerReady = $0 { true } else { false } }
/// ```
public final class EventRecorder<Event: Sendable>: Sendable {
    private struct Waiter {
        let predicate: @Sendable (Event) -> Bool
        let continuation: CheckedContinuation<Event, Never>
    }

    private struct Hook {
        let predicate: @Sendable (Event) -> Bool
        let action: @Sendable (Event) -> Void
    }

    private struct State {
        var events: [Event] = []
        var waiters: [Waiter] = []
        var hooks: [Hook] = []
    }

    private let state = Mutex(State())

    /// Creates an empty recorder.
    public init() {}

    /// The closure to hand to the component under test.
    public var observer: @Sendable (Event) -> Void { { [self] event in record(event) } }

    /// Every event so far, in order.
    public var events: [Event] { state.withLock { $0.events } }

    /// Waits for the `occurrence`-th event (counting from 1, past events included) that matches.
    @discardableResult
    public func wait(occurrence: Int = 1, for predicate: @escaping @Sendable (Event) -> Bool) async -> Event {
        let counter = Mutex(0)
        let counting: @Sendable (Event) -> Bool = { event in
            guard predicate(event) else { return false }
            return counter.withLock { count in
                count += 1
                return count == occurrence
            }
        }
        return await withCheckedContinuation { continuation in
            let found = state.withLock { state -> Event? in
                if let event = state.events.first(where: counting) { return event }
                state.waiters.append(Waiter(predicate: counting, continuation: continuation))
                return nil
            }
            if let found { continuation.resume(returning: found) }
        }
    }

    /// Runs `action` synchronously, inside the reporting call, for the first event that matches from now on.
    public func onFirst(where predicate: @escaping @Sendable (Event) -> Bool, _ action: @escaping @Sendable (Event) -> Void) {
        let fired = Mutex(false)
        let once: @Sendable (Event) -> Bool = { event in
            guard predicate(event) else { return false }
            return fired.withLock { done in
                defer { done = true }
                return !done
            }
        }
        state.withLock { $0.hooks.append(Hook(predicate: once, action: action)) }
    }

    private func record(_ event: Event) {
        let (ready, actions) = state.withLock { state -> ([CheckedContinuation<Event, Never>], [@Sendable (Event) -> Void]) in
            state.events.append(event)
            var ready: [CheckedContinuation<Event, Never>] = []
            state.waiters.removeAll { waiter in
                guard waiter.predicate(event) else { return false }
                ready.append(waiter.continuation)
                return true
            }
            return (ready, state.hooks.filter { $0.predicate(event) }.map(\.action))
        }
        for action in actions { action(event) }
        for continuation in ready { continuation.resume(returning: event) }
    }
}
