/// How many requests one engine takes at once, and how many may wait for it.
public struct EngineAdmission: Sendable, Equatable {
    /// Syntheses that run at once.
    public var maxParallel: Int
    /// Requests that may wait; past that, requests are refused as busy.
    public var maxWaiting: Int

    /// Callers a waiting line holds per running slot when not given: room for a burst of chat, not for a flood.
    public static let waitingPerSlot = 16

    /// Admits `maxParallel` at once and, by default, ``waitingPerSlot`` waiting callers per slot.
    public init(maxParallel: Int, maxWaiting: Int? = nil) {
        self.maxParallel = max(1, maxParallel)
        self.maxWaiting = max(0, maxWaiting ?? self.maxParallel * Self.waitingPerSlot)
    }
}
