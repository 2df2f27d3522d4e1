import DequeModule

/// The last `limit` message ids seen, for dropping duplicates (reconnects and at-least-once delivery repeat them).
public struct RecentIDs: Sendable {
    /// How many ids are remembered.
    public let limit: Int
    private var order: Deque<String> = []
    private var members: Set<String> = []

    /// Remembers up to `limit` ids.
    public init(limit: Int) { self.limit = max(1, limit) }

    /// Records `id`; false when it was already there.
    public mutating func insert(_ id: String) -> Bool {
        guard members.insert(id).inserted else { return false }
        order.append(id)
        if order.count > limit, let oldest = order.popFirst() { members.remove(oldest) }
        return true
    }
}
