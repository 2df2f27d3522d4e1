import CoreMetrics

/// What the chat pipeline counts: messages received, filtered (by reason), queued and spoken.
///
/// Counters are made once, so counting a chat line costs a few atomic adds; without a factory nothing is recorded.
struct GatewayMetrics: Sendable {
    /// Metric names, as Prometheus shows them.
    enum Name {
        static let received = "ishowtts_chat_messages_received_total"
        static let filtered = "ishowtts_chat_messages_filtered_total"
        static let queued = "ishowtts_chat_messages_queued_total"
        static let spoken = "ishowtts_chat_messages_spoken_total"
    }

    private let received: Counter?
    private let queued: Counter?
    private let spoken: Counter?
    private let filtered: [FilterReason: Counter]

    init(factory: (any MetricsFactory)?) {
        guard let factory else {
            received = nil
            queued = nil
            spoken = nil
            filtered = [:]
            return
        }
        received = Counter(label: Name.received, factory: factory)
        queued = Counter(label: Name.queued, factory: factory)
        spoken = Counter(label: Name.spoken, factory: factory)
        filtered = Dictionary(
            uniqueKeysWithValues: FilterReason.allCases.map {
                ($0, Counter(label: Name.filtered, dimensions: [("reason", $0.rawValue)], factory: factory))
            }
        )
    }

    func messageReceived() { received?.increment() }
    func messageFiltered(_ reason: FilterReason) { filtered[reason]?.increment() }
    func messageQueued() { queued?.increment() }
    func messageSpoken() { spoken?.increment() }
}
