import ChatSources
import Foundation
import Storage
import Synchronization

/// What the ``SpeechDispatcher`` asks of the gateway.
extension ChatGateway {
    /// What to render for an item: its spoken line and voice.
    struct RenderPlan: Sendable {
        let item: QueuedSpeech
        let line: String
        /// Its audio is already waiting.
        let isRendered: Bool
    }

    /// The next `limit` items in speaking order with their lines; a notice without a template is dropped here.
    func upcoming(limit: Int) -> [RenderPlan] {
        state.withLock { state in
            var plans: [RenderPlan] = []
            var previousSpeaker = state.current.map(\.item.speakerKey) ?? state.lastSpeaker
            let namesAllowed = state.queue.count <= state.rules.dropNamesAbove
            for item in state.queue.prefix(limit) {
                let includeName = namesAllowed && item.speakerKey != previousSpeaker
                previousSpeaker = item.speakerKey
                guard let line = SpokenLine.make(item, rules: state.rules, includeName: includeName) else {
                    _ = state.queue.remove(id: item.id)
                    forget([item], in: &state)
                    publish(.removed, item: item, reason: .noticeNotSpoken)
                    continue
                }
                plans.append(RenderPlan(item: item, line: line, isRendered: state.rendered[item.id] != nil))
            }
            return plans
        }
    }

    /// Keeps `audio` for queued item `id` (dropped when the item left the queue meanwhile) and says it is ready.
    func storeRendered(_ audio: RenderedSpeech, for id: String) {
        state.withLock { state in
            guard let item = state.queue.item(id: id) else { return }
            state.rendered[id] = audio
            events.publish { sequence in
                var event = GatewayEvent(sequence: sequence, kind: .rendered)
                event.item = .init(item)
                event.durationSeconds = audio.duration
                event.renderMilliseconds = Int((audio.renderSeconds * 1000).rounded())
                return event
            }
        }
        signalChange()
    }

    /// Takes the head of the queue to speak, when nothing speaks, the queue is not paused and its audio is ready.
    func startNext() -> CurrentSpeech? {
        let current = state.withLock { state -> CurrentSpeech? in
            guard state.current == nil, !state.paused, let head = state.queue.first, let audio = state.rendered.removeValue(forKey: head.id)
            else { return nil }
            _ = state.queue.remove(id: head.id)
            let current = CurrentSpeech(item: head, audio: audio)
            state.current = current
            return current
        }
        // The render-ahead window moved on by one: the next item may need rendering now.
        if current != nil { renderWake.signal() }
        return current
    }

    /// Announces the current item to every player (its stored row is already gone); false when it was stopped meanwhile.
    func announce(_ id: String) -> Bool {
        state.withLock { state in
            guard let current = state.current, current.item.id == id, !current.skipped else { return false }
            state.lastSpeaker = current.item.speakerKey
            events.publish { sequence in
                var event = GatewayEvent(sequence: sequence, kind: .speaking)
                event.item = .init(current.item)
                event.audioURL = "/api/queue/\(Self.percentEncoded(id))/audio"
                event.durationSeconds = current.audio.duration
                event.caption = current.audio.caption
                event.renderMilliseconds = Int((current.audio.renderSeconds * 1000).rounded())
                event.audio = current.audio.wav
                return event
            }
            recordHistory(current.item.message, text: current.audio.caption, decision: "spoken", reason: nil)
            metrics.messageSpoken()
            return true
        }
    }

    /// Whether item `id` is speaking and not stopped.
    func isSpeaking(_ id: String) -> Bool {
        state.withLock { state in state.current.map { $0.item.id == id && !$0.skipped } ?? false }
    }

    /// Ends the current item: `finished` unless it was skipped.
    func finish(_ id: String) {
        state.withLock { state in
            guard let current = state.current, current.item.id == id else { return }
            if !current.skipped { publish(.finished, item: current.item) }
            state.current = nil
        }
        signalChange()
    }

    /// Item `id` could not be rendered: it leaves the queue with a `failed` event.
    func fail(_ id: String, detail: String) {
        state.withLock { state in
            guard let item = state.queue.remove(id: id) else { return }
            forget([item], in: &state)
            publish(.failed, item: item, reason: .synthesisFailed, detail: detail)
            recordHistory(item.message, text: item.text, decision: "failed", reason: .synthesisFailed)
        }
    }

    static func percentEncoded(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id
    }
}
