import ChatSources
import CompositionRoot
import F5Engine
import Foundation
import Gateway
import Settings
import TestSupport
import Testing

/// A chat item whose F5 worker is killed under it is retried once on the restarted worker, and spoken.
@Suite struct ChatWorkerCrashTests {
    @Test(.timeLimit(.minutes(3))) func anItemIsRetriedOnceOnTheRestartedWorker() async throws {
        let fixture = try F5TestFixture()
        let hooks = SpeechSystemHooks(f5Events: fixture.events.observer)
        var configuration = fixture.configuration(maxBatch: 1)
        configuration.dataDirectory = TestChat.newDataDirectory()
        try await TestServer.withChat(configuration: configuration, hooks: hooks) { _, chat in
            let ready = await fixture.events.wait { if case .workerReady = $0 { true } else { false } }
            guard case .workerReady(_, let pid) = ready else { return }
            // The first batch after this point is the item's first chunk: the worker dies under it.
            fixture.events.onFirst(where: { if case .batchDispatched = $0 { true } else { false } }) { _ in kill(pid, SIGKILL) }

            let events = chat.gateway.events.subscribe(since: 0)
            let text = "thanks for the follow! This is a longer second sentence that keeps going for a while. And a third."
            let message = ChatMessage(platform: .api, channel: "test", id: "crash-1", userID: "u1", userLogin: "viewer", text: text)
            guard case .queued = chat.gateway.accept(message) else {
                Issue.record("the message was not queued")
                return
            }
            let seen = await TestChat.collect(events) { ($0.kind == .speaking || $0.kind == .failed) && $0.item?.id == "crash-1" }
            #expect(seen.last?.kind == .speaking)
            #expect(!seen.contains { $0.kind == .failed })
            // The worker did die and came back: the retry ran on the new process.
            let restarted = await fixture.events.wait(occurrence: 2) { if case .workerReady = $0 { true } else { false } }
            guard case .workerReady(_, let newPID) = restarted else { return }
            #expect(newPID != pid)
        }
    }
}
