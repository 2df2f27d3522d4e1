import Foundation
import Testing

@testable import ChatSources

@Suite struct YouTubeQuotaTests {
    /// 2026-11-30 12:00 UTC is 04:00 in Los Angeles (PST, UTC−8): the quota day began at 08:00 UTC.
    let noon = Date(timeIntervalSince1970: 1_796_040_000)

    @Test func resetsAtMidnightPacificTime() throws {
        let quota = YouTubeQuota(dailyUnits: 10_000, now: noon)
        #expect(quota.nextReset(after: noon) == Date(timeIntervalSince1970: 1_796_040_000 + 20 * 3600))
    }

    @Test func spendingCountsEachCallsCostUntilTheDayTurns() {
        var quota = YouTubeQuota(dailyUnits: 10_000, now: noon)
        quota.spend(.videosList, at: noon)
        for _ in 0..<3 { quota.spend(.liveChatMessagesList, at: noon) }
        #expect(quota.remaining(at: noon) == 10_000 - 1 - 15)
        let nextDay = noon.addingTimeInterval(21 * 3600)
        #expect(quota.remaining(at: nextDay) == 10_000)
        quota.spend(.liveChatMessagesList, at: nextDay)
        #expect(quota.remaining(at: nextDay) == 9_995)
    }

    /// 10,000 units at 5 a page over a 4-hour stream: 2,000 pages in 14,400 s, one every 7.2 s.
    @Test func pollingSlowsSoTheQuotaLastsThePlannedStream() throws {
        let quota = YouTubeQuota(dailyUnits: 10_000, now: noon)
        let interval = try #require(
            quota.pollInterval(minimum: .seconds(2), readers: 1, plannedEnd: noon.addingTimeInterval(4 * 3600), now: noon)
        )
        #expect(interval == .milliseconds(7_200))
        // Two chats share the budget: each polls half as often.
        let shared = try #require(quota.pollInterval(minimum: .seconds(2), readers: 2, plannedEnd: noon.addingTimeInterval(4 * 3600), now: noon))
        #expect(shared == .milliseconds(14_400))
        // YouTube's own pace wins when it is slower.
        let slow = try #require(quota.pollInterval(minimum: .seconds(10), readers: 1, plannedEnd: noon.addingTimeInterval(4 * 3600), now: noon))
        #expect(slow == .seconds(10))
    }

    @Test func noIntervalOnceASinglePageNoLongerFits() {
        var quota = YouTubeQuota(dailyUnits: 100, now: noon)
        for _ in 0..<19 { quota.spend(.liveChatMessagesList, at: noon) }
        #expect(quota.pollInterval(minimum: .seconds(1), readers: 1, plannedEnd: noon, now: noon) != nil)
        quota.spend(.liveChatMessagesList, at: noon)
        #expect(quota.pollInterval(minimum: .seconds(1), readers: 1, plannedEnd: noon, now: noon) == nil)
        quota = YouTubeQuota(dailyUnits: 100, now: noon)
        quota.exhaust(at: noon)
        #expect(quota.remaining(at: noon) == 0)
    }
}
