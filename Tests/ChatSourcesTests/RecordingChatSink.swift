import ChatSources
import Synchronization

/// A sink that records what a chat source delivers and lets a test wait for it.
final class RecordingChatSink: ChatEventSink {
    /// A state report.
    struct StateReport: Sendable, Equatable {
        let channel: String?
        let state: ChatSourceState
        let detail: String?
    }

    private let events = Mutex<[ChatEvent]>([])
    private let reports = Mutex<[StateReport]>([])
    private let (stateStream, stateContinuation) = AsyncStream.makeStream(of: StateReport.self)
    private let (eventStream, eventContinuation) = AsyncStream.makeStream(of: ChatEvent.self)

    func receive(_ event: ChatEvent) {
        events.withLock { $0.append(event) }
        eventContinuation.yield(event)
    }

    func sourceStateChanged(platform: ChatPlatform, channel: String?, state: ChatSourceState, detail: String?) {
        let report = StateReport(channel: channel, state: state, detail: detail)
        reports.withLock { $0.append(report) }
        stateContinuation.yield(report)
    }

    /// Every event so far.
    var received: [ChatEvent] { events.withLock { $0 } }

    /// Every state report so far.
    var stateReports: [StateReport] { reports.withLock { $0 } }

    /// Waits for the next event delivered.
    func nextEvent() async -> ChatEvent? {
        var iterator = eventStream.makeAsyncIterator()
        return await iterator.next()
    }

    /// Waits for the next `count` events delivered.
    func nextEvents(_ count: Int) async -> [ChatEvent] {
        var collected: [ChatEvent] = []
        var iterator = eventStream.makeAsyncIterator()
        while collected.count < count, let event = await iterator.next() { collected.append(event) }
        return collected
    }

    /// Waits until the source reports `state`; the report.
    @discardableResult
    func waitForState(_ state: ChatSourceState) async -> StateReport? {
        for await report in stateStream where report.state == state { return report }
        return nil
    }
}
