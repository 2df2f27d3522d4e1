import ChatSources
import Foundation
import Storage
import Synchronization
import Testing

@testable import Gateway

/// The gateway over a real SQLite file: queueing, moderation, control, restart and bursts.
@Suite struct ChatGatewayTests {
    @Test func acceptedMessagesAreQueuedStoredAndAnnouncedWithReasonsForTheRest() throws {
        let path = TestChat.databasePath()
        let gateway = try TestChat.gateway(path: path)
        let events = gateway.events.subscribe(since: 0)
        #expect(gateway.accept(TestChat.message("hello", id: "a")) == .queued(try queued(gateway, "a")))
        #expect(gateway.accept(TestChat.message("hello again", id: "a")) == .filtered(.duplicateID))
        #expect(gateway.accept(TestChat.message("!so someone", id: "b")) == .filtered(.command))
        let kinds = gateway.events.subscribe(since: 0).missed.map { "\($0.kind.rawValue):\($0.reason?.rawValue ?? "")" }
        #expect(kinds == ["queued:", "filtered:duplicate_id", "filtered:command"])
        _ = events
        #expect(gateway.snapshot().items.map(\.item.id) == ["a"])
    }

    private func queued(_ gateway: ChatGateway, _ id: String) throws -> QueuedSpeech {
        try #require(gateway.state.withLock { $0.queue.ordered.first { $0.id == id } })
    }

    @Test func moderationRemovesDeletedMessagesAndClearedUsers() throws {
        let gateway = try TestChat.gateway()
        for (id, user) in [("m1", "alice"), ("m2", "bob"), ("m3", "alice"), ("m4", "carol")] {
            gateway.receive(.message(TestChat.message("message \(id)", id: id, user: user)))
        }
        gateway.receive(.moderation(.messageDeleted(platform: .twitch, channel: "dallas", messageID: "m2")))
        #expect(gateway.snapshot().items.map(\.item.id) == ["m1", "m3", "m4"])
        gateway.receive(.moderation(.userCleared(platform: .twitch, channel: "dallas", userID: nil, login: "alice")))
        #expect(gateway.snapshot().items.map(\.item.id) == ["m4"])
        gateway.receive(.moderation(.chatCleared(platform: .twitch, channel: "other")))
        #expect(gateway.snapshot().items.map(\.item.id) == ["m4"])
        gateway.receive(.moderation(.chatCleared(platform: .twitch, channel: "dallas")))
        #expect(gateway.snapshot().items.isEmpty)
        let removed = gateway.events.subscribe(since: 0).missed.filter { $0.kind == .removed }
        #expect(removed.map { $0.item?.id } == ["m2", "m1", "m3", "m4"])
        #expect(removed.allSatisfy { $0.reason == .moderated })
    }

    @Test func moderatorsControlTheQueueFromChat() throws {
        let gateway = try TestChat.gateway()
        gateway.receive(.message(TestChat.message("!tts pause", id: "c1", user: "mod", roles: .moderator)))
        #expect(gateway.snapshot().paused)
        gateway.receive(.message(TestChat.message("!tts resume", id: "c2", user: "viewer")))  // not a moderator: a command, ignored
        #expect(gateway.snapshot().paused)
        gateway.receive(.message(TestChat.message("one", id: "q1")))
        gateway.receive(.message(TestChat.message("!tts clear", id: "c3", user: "owner", roles: .broadcaster)))
        #expect(gateway.snapshot().items.isEmpty)
        gateway.receive(.message(TestChat.message("!tts resume", id: "c4", user: "mod", roles: .moderator)))
        #expect(!gateway.snapshot().paused)
    }

    @Test func pendingItemsSurviveARestartInOrderAndLeaveOnlyWhenSpoken() async throws {
        let path = TestChat.databasePath()
        do {
            let gateway = try TestChat.gateway(path: path)
            gateway.accept(TestChat.message("normal first", id: "n1"))
            gateway.accept(TestChat.message("paid", id: "p1", bits: 100))
            gateway.accept(TestChat.message("normal second", id: "n2", user: "other"))
            gateway.accept(TestChat.message("gone", id: "x1", user: "third"))
            gateway.remove(id: "x1")
            try await gateway.store.flush()
        }
        let restarted = try TestChat.gateway(path: path)
        #expect(restarted.snapshot().items.map(\.item.id) == ["p1", "n1", "n2"])
        // A repeat of a restored id (a reconnect replaying chat) is not queued twice.
        #expect(restarted.accept(TestChat.message("paid", id: "p1", bits: 100)) == .filtered(.duplicateID))

        let plan = try #require(restarted.upcoming(limit: 1).first)
        restarted.storeRendered(
            RenderedSpeech(wav: Data(), duration: 0.1, caption: plan.line, voiceID: "joe", renderSeconds: 0.01),
            for: plan.item.id
        )
        let speaking = try #require(restarted.startNext())
        try await restarted.store.markSpoken(speaking.item.id)
        #expect(restarted.announce(speaking.item.id))
        restarted.finish(speaking.item.id)

        let again = try TestChat.gateway(path: path)
        #expect(again.snapshot().items.map(\.item.id) == ["n1", "n2"])
    }

    @Test func aBurstOfTenThousandKeepsCapacityAndAccountsForEveryMessage() async throws {
        var rules = GatewayRules()
        rules.queueCapacity = 50
        rules.priorityOnlyAbove = 40
        rules.duplicateWindowSeconds = 0
        let hub = EventHub(windowSize: 20_000)
        let gateway = try TestChat.gateway(rules: rules, events: hub)
        var outcomes: [String: Int] = [:]
        for index in 0..<10_000 {
            let paid = index % 100 == 0
            let outcome = gateway.accept(TestChat.message("message number \(index)", id: "b\(index)", user: "u\(index % 37)", bits: paid ? 10 : 0))
            switch outcome {
            case .queued: outcomes["queued", default: 0] += 1
            case .filtered(let reason): outcomes[reason.rawValue, default: 0] += 1
            }
            #expect(gateway.state.withLock { $0.queue.count } <= rules.queueCapacity)
        }
        let events = hub.subscribe(since: 0).missed
        #expect(events.count == 10_000 + (outcomes["queued", default: 0] - gateway.snapshot().items.count))
        // Worked out by hand: message 0 is paid, 1...39 are normal and fill the queue to 40 (the backlog line); every
        // later normal one is refused as backlog. Paid messages 100...900 bring it to 50 (capacity), 1000...4800
        // (39 of them) each displace one of the 39 normals, and the last 50 paid find only paid items: queue full.
        #expect(outcomes == ["queued": 1 + 39 + 10 + 39, "backlog": 9_900 - 39, "queue_full": 50])
        let displaced = events.filter { $0.kind == .removed && $0.reason == .displaced }.count
        #expect(displaced == 39)
        #expect(gateway.snapshot().items.count == rules.queueCapacity)
        #expect(gateway.snapshot().items.allSatisfy { $0.item.lane == "paid" })
    }

    @Test func templatesLeaveTheNameOutForRepeatSpeakersAndLongBacklogs() throws {
        var rules = GatewayRules()
        rules.dropNamesAbove = 3
        let gateway = try TestChat.gateway(rules: rules)
        gateway.accept(TestChat.message("first", id: "1", user: "alice", displayName: "Alice_In_Chains"))
        gateway.accept(TestChat.message("second", id: "2", user: "alice"))
        gateway.accept(TestChat.message("third", id: "3", user: "bob"))
        #expect(gateway.upcoming(limit: 3).map(\.line) == ["Alice In Chains says first", "second", "bob says third"])
        gateway.accept(TestChat.message("fourth", id: "4", user: "carol"))
        #expect(gateway.upcoming(limit: 4).map(\.line) == ["first", "second", "third", "fourth"])
    }

    @Test func aMessageInAnotherLanguageIsSpokenWithThatLanguagesTemplate() throws {
        var rules = GatewayRules()
        rules.languageTemplates = ["zh": "{user}说：{message}"]
        let gateway = try TestChat.gateway(rules: rules)
        gateway.accept(TestChat.message("大家好", id: "1", user: "xiaoming"))
        gateway.accept(TestChat.message("hello everyone", id: "2", user: "alice"))
        gateway.accept(TestChat.message("gg 好耶", id: "3", user: "bob"))
        #expect(gateway.upcoming(limit: 3).map(\.line) == ["xiaoming说：大家好", "alice says hello everyone", "bob说：good game 好耶"])
        #expect(throws: GatewayRulesError.self) { try GatewayRules().merging(Data(#"{"language_templates": {"zh": "no message"}}"#.utf8)) }
    }

    @Test func noticesUseTheirTemplates() throws {
        let gateway = try TestChat.gateway()
        var resub = TestChat.message("love the stream", id: "r1", user: "ronni")
        resub.notice = .resubscription
        resub.noticeDetails = ["cumulative-months": "6"]
        var raid = TestChat.message("", id: "r2", user: "raider")
        raid.notice = .raid
        raid.noticeDetails = ["displayName": "BigRaider", "viewerCount": "15"]
        gateway.accept(resub)
        gateway.accept(raid)
        #expect(
            gateway.upcoming(limit: 2).map(\.line) == ["ronni resubscribed for 6 months! love the stream", "BigRaider is raiding with 15 viewers!"]
        )
        #expect(SpokenLine.fill("{user} says {message}", ["user": "{message}", "message": "hi"]) == "{message} says hi")
    }

    @Test func voicesComeFromTheMapTheChatCommandOrAStableHash() throws {
        var rules = GatewayRules()
        rules.chatVoices = ["joe", "amy", "walter"]
        rules.userVoicePolicy = .hashed
        rules.userVoices = ["vip_user": "walter"]
        rules.allowVoiceCommand = true
        let gateway = try TestChat.gateway(rules: rules)
        let hashed = UserVoice.choose(for: TestChat.message("x", user: "someone"), rules: rules, picked: [:], channelVoice: nil)
        // FNV-1a of "id-someone", modulo 3 (computed independently: 0x… % 3).
        #expect(hashed == rules.chatVoices[Int(UserVoice.stableHash("id-someone") % 3)])
        #expect(UserVoice.stableHash("") == 0xcbf2_9ce4_8422_2325)
        #expect(UserVoice.stableHash("a") == 0xaf63_dc4c_8601_ec8c)
        gateway.accept(TestChat.message("!voice amy", id: "v1", user: "picker"))
        gateway.accept(TestChat.message("hi", id: "v2", user: "picker"))
        gateway.accept(TestChat.message("hello", id: "v3", user: "vip_user"))
        #expect(gateway.snapshot().items.map(\.item.voice) == ["amy", "walter"])
    }

    @Test func rulesMergeValidateAndSayWhereEachValueComesFrom() async throws {
        var configured = GatewayRules()
        configured.template = "{user}: {message}"
        let gateway = try TestChat.gateway(rules: configured)
        await #expect(throws: GatewayRulesError(field: "max_characters", problem: "must be in 1...2000")) {
            try await gateway.updateRules(Data(#"{"max_characters": 0}"#.utf8))
        }
        await #expect(throws: GatewayRulesError.self) { try await gateway.updateRules(Data(#"{"no_such": 1}"#.utf8)) }
        await #expect(throws: GatewayRulesError.self) { try await gateway.updateRules(Data(#"{"banned_patterns": ["(unclosed"]}"#.utf8)) }
        await #expect(throws: GatewayRulesError.self) { try await gateway.updateRules(Data(#"{"links": "maybe"}"#.utf8)) }
        let updated = try await gateway.updateRules(Data(#"{"max_characters": 50, "user_voices": {"Some_User": "joe"}}"#.utf8))
        #expect(updated.maxCharacters == 50)
        #expect(updated.userVoices == ["Some_User": "joe"])
        let (rules, sources) = gateway.rules()
        #expect(rules.template == "{user}: {message}")
        #expect(sources["max_characters"] == "saved")
        #expect(sources["template"] == "file")
        #expect(sources["links"] == "default")
    }
}
