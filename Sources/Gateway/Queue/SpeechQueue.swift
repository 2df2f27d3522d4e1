import DequeModule

/// Accepted messages in priority lanes, FIFO within a lane, with a fixed capacity.
///
/// Drop policy when full: a new item takes the place of the newest item of the lowest non-empty lane below its own
/// (that item is *displaced*); when no lane below has one, the new item is refused. So a paid message is never dropped
/// for a normal one, and the oldest waiting messages of a lane keep their places.
struct SpeechQueue {
    /// Most items waiting.
    var capacity: Int
    private var lanes: [Deque<QueuedSpeech>] = Array(repeating: [], count: SpeechLane.allCases.count)

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// What ``insert(_:)`` did.
    enum Insertion: Equatable {
        case inserted
        case insertedDisplacing(QueuedSpeech)
        case refused
    }

    var count: Int { lanes.reduce(0) { $0 + $1.count } }
    var isEmpty: Bool { lanes.allSatisfy(\.isEmpty) }

    /// Adds `item` at the end of its lane, applying the drop policy when full.
    mutating func insert(_ item: QueuedSpeech) -> Insertion {
        if count < capacity {
            lanes[item.lane.rawValue].append(item)
            return .inserted
        }
        for lane in SpeechLane.allCases where lane < item.lane {
            if let displaced = lanes[lane.rawValue].popLast() {
                lanes[item.lane.rawValue].append(item)
                return .insertedDisplacing(displaced)
            }
        }
        return .refused
    }

    /// Every item in the order it will be spoken.
    var ordered: [QueuedSpeech] { SpeechLane.allCases.reversed().flatMap { lanes[$0.rawValue] } }

    /// The first `limit` items in speaking order.
    func prefix(_ limit: Int) -> [QueuedSpeech] {
        var result: [QueuedSpeech] = []
        for lane in SpeechLane.allCases.reversed() {
            for item in lanes[lane.rawValue] {
                guard result.count < limit else { return result }
                result.append(item)
            }
        }
        return result
    }

    /// The next item to speak.
    var first: QueuedSpeech? {
        for lane in SpeechLane.allCases.reversed() { if let item = lanes[lane.rawValue].first { return item } }
        return nil
    }

    func contains(id: String) -> Bool { item(id: id) != nil }

    /// The waiting item `id`, if any.
    func item(id: String) -> QueuedSpeech? {
        for lane in lanes { if let item = lane.first(where: { $0.id == id }) { return item } }
        return nil
    }

    /// Takes the item `id` out.
    mutating func remove(id: String) -> QueuedSpeech? {
        for lane in lanes.indices {
            if let index = lanes[lane].firstIndex(where: { $0.id == id }) { return lanes[lane].remove(at: index) }
        }
        return nil
    }

    /// Takes every item matching `predicate` out, in speaking order.
    mutating func removeAll(where predicate: (QueuedSpeech) -> Bool) -> [QueuedSpeech] {
        let removed = ordered.filter(predicate)
        guard !removed.isEmpty else { return [] }
        for lane in lanes.indices { lanes[lane].removeAll(where: predicate) }
        return removed
    }
}
