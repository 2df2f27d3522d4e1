import Foundation

/// The YouTube Data API's daily quota as this server spends it: what each call costs, what is left of the day's
/// units, and the polling pace that makes the rest last the planned stream instead of running out mid-stream.
struct YouTubeQuota: Sendable {
    /// A call this server makes, and its cost in units. `videos.list` is 1 in Google's quota table; the live-streaming
    /// rows are missing from most published copies of it, so those calls count 5 (the figure Google's support threads
    /// give for `liveChatMessages.list`): counting a call too high only slows polling a little, too low ends a stream early.
    enum Call: Sendable {
        case videosList
        case liveBroadcastsList
        case liveChatMessagesList

        var cost: Int {
            switch self {
            case .videosList: 1
            case .liveBroadcastsList, .liveChatMessagesList: 5
            }
        }
    }

    /// Units per day (Google's default for a project: 10,000).
    let dailyUnits: Int
    private(set) var used = 0
    private var day: Date

    /// A fresh day's budget of `dailyUnits` as of `now`.
    init(dailyUnits: Int, now: Date = Date()) {
        self.dailyUnits = dailyUnits
        day = Self.dayStart(of: now)
    }

    /// Counts `call` made at `now` (a new quota day starts from zero).
    mutating func spend(_ call: Call, at now: Date = Date()) {
        rollOver(at: now)
        used += call.cost
    }

    /// Marks the day's quota as spent, whatever was counted (YouTube said so; other programs may share the key).
    mutating func exhaust(at now: Date = Date()) {
        rollOver(at: now)
        used = max(used, dailyUnits)
    }

    /// Units left today.
    func remaining(at now: Date = Date()) -> Int {
        Self.dayStart(of: now) > day ? dailyUnits : max(0, dailyUnits - used)
    }

    /// When the quota resets: midnight Pacific Time, as Google's console says.
    func nextReset(after now: Date = Date()) -> Date {
        Self.calendar.date(byAdding: .day, value: 1, to: Self.dayStart(of: now)) ?? now.addingTimeInterval(86_400)
    }

    /// The wait before the next page of one of `readers` chats so that the units left last until `plannedEnd`
    /// (at least an hour away), never shorter than `minimum` (YouTube's own `pollingIntervalMillis`); `nil` when not
    /// even one more call fits today.
    func pollInterval(minimum: Duration, readers: Int, plannedEnd: Date, now: Date = Date()) -> Duration? {
        let cost = Call.liveChatMessagesList.cost * max(1, readers)
        let left = remaining(at: now)
        guard left >= Call.liveChatMessagesList.cost else { return nil }
        let secondsLeft = max(plannedEnd.timeIntervalSince(now), 3600)
        let callsLeft = max(1, Double(left) / Double(cost))
        return max(minimum, .milliseconds(Int64(secondsLeft / callsLeft * 1000)))
    }

    private mutating func rollOver(at now: Date) {
        let start = Self.dayStart(of: now)
        if start > day {
            day = start
            used = 0
        }
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Los_Angeles") ?? TimeZone(secondsFromGMT: -8 * 3600) ?? .gmt
        return calendar
    }()

    private static func dayStart(of date: Date) -> Date { calendar.startOfDay(for: date) }
}
