public import ChatSources
public import Foundation
public import Storage
import Synchronization

/// Queue control: what the API, moderators' chat commands and the panel do.
extension ChatGateway {
    /// Stops after the current item; nothing new starts until ``resume()``, also after a restart.
    public func pause() { state.withLock { setPaused(true, in: &$0) } }

    /// Starts speaking again.
    public func resume() { state.withLock { setPaused(false, in: &$0) } }

    /// Stops the current item at once in every player; false when nothing is speaking.
    @discardableResult
    public func skip() -> Bool { state.withLock { skipCurrent(reason: nil, in: &$0) } }

    /// Empties the queue and stops the current item; returns how many queued items went.
    @discardableResult
    public func clear() -> Int { state.withLock { clearAll(in: &$0) } }

    /// Removes item `id` (stopping it if it is speaking); false when there is no such item.
    @discardableResult
    public func remove(id: String) -> Bool {
        state.withLock { state in
            if let item = state.queue.remove(id: id) {
                forget([item], in: &state)
                publish(.removed, item: item)
                return true
            }
            if let current = state.current, current.item.id == id, !current.skipped { return skipCurrent(reason: nil, in: &state) }
            return false
        }
    }

    /// Removes every queued item of `login` (any platform); returns how many went.
    @discardableResult
    public func removeUser(_ login: String) -> Int {
        let login = login.lowercased()
        return state.withLock { state in
            let removed = state.queue.removeAll { $0.message.userLogin.lowercased() == login }
            forget(removed, in: &state)
            for item in removed { publish(.removed, item: item) }
            return removed.count
        }
    }

    /// The queue as the panel shows it.
    public func snapshot() -> QueueSnapshot {
        state.withLock { state in
            QueueSnapshot(
                paused: state.paused,
                capacity: state.queue.capacity,
                speaking: state.current.flatMap { $0.skipped ? nil : GatewayEvent.ItemSummary($0.item) },
                items: state.queue.ordered.map { item in
                    QueueSnapshot.Entry(item: .init(item), rendered: state.rendered[item.id] != nil)
                },
                nextSequence: events.nextSequence
            )
        }
    }

    /// Waits until everything accepted so far is on disk (the API answers an enqueue only then).
    public func flushStorage() async throws(StorageError) { try await store.flush() }

    /// How many items wait in the queue.
    public var queuedCount: Int { state.withLock { $0.queue.count } }

    /// The audio of a queued (already rendered) or speaking item.
    public func audio(for id: String) -> RenderedSpeech? {
        state.withLock { state in
            if let current = state.current, current.item.id == id, !current.skipped { return current.audio }
            return state.rendered[id]
        }
    }

    /// Every chat source and its last state.
    public func sources() -> [SourceSnapshot] {
        state.withLock { state in
            state.sources.map { SourceSnapshot(platform: $0.key.platform, channel: $0.key.channel, state: $0.value.state, detail: $0.value.detail) }
                .sorted { ($0.platform.rawValue, $0.channel ?? "") < ($1.platform.rawValue, $1.channel ?? "") }
        }
    }

    /// Speaks chat of one channel with `voice` (users' own choices still win); throws for a voice chat may not use.
    public func setChannelVoice(_ voice: String, platform: ChatPlatform, channel: String) throws(GatewayRulesError) {
        try state.withLock { (state) throws(GatewayRulesError) in
            let allowed = state.rules.chatVoices + [state.rules.defaultVoice].compactMap { $0 }
            guard allowed.isEmpty || allowed.contains(voice) else {
                throw GatewayRulesError(
                    field: "voice_id",
                    problem: "\(voice.debugDescription) is not one of the chat voices (\(allowed.joined(separator: ", ")))"
                )
            }
            state.channelVoices["\(platform.rawValue):\(channel)"] = voice
        }
    }

    // MARK: Rules

    /// The rules in force, and for each field where its value comes from (`default`, `file` or `saved`).
    public func rules() -> (rules: GatewayRules, sources: [String: String]) {
        state.withLock { state in
            let fromFile = configuredRules.fieldsDiffering(from: GatewayRules())
            var sources: [String: String] = [:]
            for key in GatewayRules.CodingKeys.allCases.map(\.rawValue) {
                sources[key] = state.savedFields.contains(key) ? "saved" : fromFile.contains(key) ? "file" : "default"
            }
            return (state.rules, sources)
        }
    }

    /// Applies `overrides` (a JSON object of some fields) over the rules in force, saves them, and returns the result;
    /// throws naming the first bad field, changing nothing.
    public func updateRules(_ overrides: Data) async throws -> GatewayRules {
        let current = state.withLock { $0.rules }
        let updated = try current.merging(overrides)
        let saved = try savedOverrides(adding: overrides)
        try await store.saveSetting(Self.savedRulesKey, value: saved.json)
        state.withLock { state in
            state.rules = updated
            state.savedFields = saved.fields
            state.filter.apply(updated)
            state.queue.capacity = updated.queueCapacity
            publish(.settingsChanged, item: nil)
        }
        return updated
    }

    /// The saved overrides merged with `overrides`: only fields someone set through the API are saved, so a later
    /// change of the file still shows for the others.
    private func savedOverrides(adding overrides: Data) throws -> (json: String, fields: Set<String>) {
        var saved: [String: Any] = [:]
        if let text = try store.setting(Self.savedRulesKey),
            let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
        {
            saved = object
        }
        if let object = (try? JSONSerialization.jsonObject(with: overrides)) as? [String: Any] {
            for (key, value) in object { saved[key] = value }
        }
        let data = try JSONSerialization.data(withJSONObject: saved, options: [.sortedKeys])
        return (String(decoding: data, as: UTF8.self), Set(saved.keys))
    }

    // MARK: With the lock held

    func setPaused(_ paused: Bool, in state: inout GatewayState) {
        guard state.paused != paused else { return }
        state.paused = paused
        store.saveSettingSoon(Self.pausedKey, value: paused ? "true" : "false")
        publish(paused ? .paused : .resumed, item: nil)
        signalChange()
    }

    @discardableResult
    func skipCurrent(reason: FilterReason?, in state: inout GatewayState) -> Bool {
        guard var current = state.current, !current.skipped else { return false }
        current.skipped = true
        state.current = current
        publish(.skipped, item: current.item, reason: reason)
        signalChange()
        return true
    }

    @discardableResult
    func clearAll(in state: inout GatewayState) -> Int {
        let removed = state.queue.removeAll { _ in true }
        forget(removed, in: &state)
        publish(.cleared, item: nil, detail: "\(removed.count) queued items removed")
        skipCurrent(reason: nil, in: &state)
        return removed.count
    }
}

/// The queue as `GET /api/queue` shows it.
public struct QueueSnapshot: Sendable, Encodable {
    public var paused: Bool
    public var capacity: Int
    public var speaking: GatewayEvent.ItemSummary?
    public var items: [Entry]
    /// Sequence the next event will carry: a client that loads this snapshot then follows events from here.
    public var nextSequence: UInt64

    public struct Entry: Sendable, Encodable {
        public var item: GatewayEvent.ItemSummary
        /// Its audio is ready (`GET /api/queue/{id}/audio`).
        public var rendered: Bool
    }

    enum CodingKeys: String, CodingKey {
        case paused, capacity, speaking, items
        case nextSequence = "next_seq"
    }
}

/// A chat source as `GET /api/sources` shows it.
public struct SourceSnapshot: Sendable, Encodable, Equatable {
    public var platform: ChatPlatform
    public var channel: String?
    public var state: ChatSourceState
    public var detail: String?
}
