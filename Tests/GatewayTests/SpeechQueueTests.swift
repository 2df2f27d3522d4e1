import ChatSources
import Foundation
import Testing

@testable import Gateway

@Suite struct SpeechQueueTests {
    private func item(_ id: String, _ lane: SpeechLane, sequence: Int64) -> QueuedSpeech {
        QueuedSpeech(id: id, sequence: sequence, lane: lane, message: TestChat.message(id, id: id), text: id, voiceID: nil, acceptedAt: Date())
    }

    @Test func lanesSpeakPaidThenModeratorThenNormalFIFOWithin() {
        var queue = SpeechQueue(capacity: 10)
        for (index, (id, lane)) in [("n1", SpeechLane.normal), ("p1", .paid), ("m1", .moderator), ("n2", .normal), ("p2", .paid)].enumerated() {
            #expect(queue.insert(item(id, lane, sequence: Int64(index))) == .inserted)
        }
        #expect(queue.ordered.map(\.id) == ["p1", "p2", "m1", "n1", "n2"])
        #expect(queue.prefix(2).map(\.id) == ["p1", "p2"])
    }

    @Test func aFullQueueDisplacesTheNewestOfTheLowestLaneAndNeverAPaidOneForANormalOne() {
        var queue = SpeechQueue(capacity: 3)
        _ = queue.insert(item("n1", .normal, sequence: 1))
        _ = queue.insert(item("n2", .normal, sequence: 2))
        _ = queue.insert(item("p1", .paid, sequence: 3))
        func displaced(_ insertion: SpeechQueue.Insertion) -> String? {
            switch insertion {
            case .inserted: "none"
            case .insertedDisplacing(let item): item.id
            case .refused: nil
            }
        }
        #expect(displaced(queue.insert(item("n3", .normal, sequence: 4))) == nil)
        #expect(displaced(queue.insert(item("m1", .moderator, sequence: 5))) == "n2")
        #expect(displaced(queue.insert(item("p2", .paid, sequence: 6))) == "n1")
        #expect(displaced(queue.insert(item("p3", .paid, sequence: 7))) == "m1")
        #expect(displaced(queue.insert(item("p4", .paid, sequence: 8))) == nil)
        #expect(queue.ordered.map(\.id) == ["p1", "p2", "p3"])
    }

    @Test func laneOfAMessage() {
        #expect(SpeechLane(for: TestChat.message("x", bits: 1)) == .paid)
        #expect(SpeechLane(for: TestChat.message("x", roles: .broadcaster)) == .moderator)
        #expect(SpeechLane(for: TestChat.message("x", roles: .subscriber)) == .normal)
    }
}

@Suite struct EventHubTests {
    @Test func numbersEventsAndReplaysWhatAReconnectingClientMissed() async {
        let hub = EventHub(windowSize: 3, subscriberBuffer: 8)
        for _ in 0..<5 { hub.publish { GatewayEvent(sequence: $0, kind: .paused) } }
        let caughtUp = hub.subscribe(since: 3)
        #expect(caughtUp.missed.map(\.sequence) == [4, 5])
        #expect(!caughtUp.gap)
        let late = hub.subscribe(since: 1)
        #expect(late.missed.map(\.sequence) == [3, 4, 5])
        #expect(late.gap)  // 2 already left the window
        #expect(hub.subscribe().missed.isEmpty)
    }

    @Test func theWindowNeverKeepsAudio() {
        let hub = EventHub()
        hub.publish { sequence in
            var event = GatewayEvent(sequence: sequence, kind: .speaking)
            event.audio = Data([1, 2, 3])
            return event
        }
        #expect(hub.subscribe(since: 0).missed.first?.audio == nil)
    }

    @Test func aSubscriberThatFallsBehindIsDisconnectedAndPublishingNeverWaits() async {
        let hub = EventHub(windowSize: 100, subscriberBuffer: 4)
        let slow = hub.subscribe()
        for _ in 0..<10 { hub.publish { GatewayEvent(sequence: $0, kind: .resumed) } }  // nobody reads meanwhile
        var received = 0
        for await _ in slow.events { received += 1 }
        // It got its buffer's worth, then its stream ended; it reconnects with Last-Event-ID and catches up.
        #expect(received == 4)
        #expect(hub.subscriberCount == 0)
        #expect(hub.subscribe(since: 4).missed.map(\.sequence) == Array(5...10))
    }
}
