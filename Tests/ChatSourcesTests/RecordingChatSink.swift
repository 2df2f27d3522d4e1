import ChatSources
import Synchronization

/// A sink that records what a chat source delivers and lets a test wait for it.
final class RecordingChatSink: ChatEventSink {
    private let events = Mutex<[ChatEvent]>([])
    private let (stateStream, stateContinuation) = AsyncStream.makeStream(of: ChatSourceState.self)
    private let (eventStream, eventContinuation) = AsyncStream.makeStream(of: ChatEvent.self)

    func receive(_ event: ChatEvent) {
        events.withLock { $0.append(event) }
        eventContinuation.yield(event)
    }

    func sourceStateChanged(platform: ChatPlatform, channel: String?, state: ChatSourceState, detail: String?) {
        stateContinuation.yield(state)
    }

    /// Waits for the next event delivered.
    func nextEvent() async -> ChatEvent? {
        var iterator = eventStream.makeAsyncIterator()
        return await iterator.next()
    }

    /// Waits until the source reports `state`.
    func waitForState(_ state: ChatSourceState) async {
        for await reported in stateStream where reported == state { return }
    }
}
