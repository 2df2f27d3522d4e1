import DequeModule

/// The last `limit` message ids seen, for dropping duplicates (reconnects and at-least-once delivery repeat them).
struct RecentIDs {
    let limit: Int
    private var order: Deque<String> = []
    private var members: Set<String> = []

    init(limit: Int) { self.limit = max(1, limit) }

    /// Records `id`; false when it was already there.
    mutating func insert(_ id: String) -> Bool {
        guard members.insert(id).inserted else { return false }
        order.append(id)
        if order.count > limit, let oldest = order.popFirst() { members.remove(oldest) }
        return true
    }
}
