import Foundation
import TestSupport
import Testing

@testable import ChatSources

@Suite struct YouTubeChatMappingTests {
    let alice = YouTubeTestItem.Author.viewer("alice", member: true)
    let mod = YouTubeTestItem.Author.viewer("mod", moderator: true)

    private func event(_ item: YouTubeTestItem) throws -> ChatEvent? {
        let decoded = try JSONDecoder.platform.decode(LiveChatItem.self, from: JSONEncoder().encode(item))
        return YouTubeChatMapping.event(for: decoded, videoID: "dQw4w9WgXcQ")
    }

    private func message(_ item: YouTubeTestItem) throws -> ChatMessage {
        guard case .message(let message) = try event(item) else { throw MappingTestError.notAMessage }
        return message
    }

    /// A text message exactly as the API reference shows one (microsecond timestamp, every author flag).
    @Test func decodesTheDocumentedTextMessage() throws {
        let json = """
            {"kind": "youtube#liveChatMessage", "etag": "x", "id": "LCC.abc",
             "snippet": {"type": "textMessageEvent", "liveChatId": "Cg0KC2RRdzR3OVdnWGNR", "authorChannelId": "UCowner",
                         "publishedAt": "2026-11-30T12:34:56.789012+00:00", "hasDisplayContent": true,
                         "displayMessage": "hello chat :face-blue-smiling:",
                         "textMessageDetails": {"messageText": "hello chat :face-blue-smiling:"}},
             "authorDetails": {"channelId": "UCowner", "channelUrl": "http://www.youtube.com/channel/UCowner", "displayName": "@Dallas",
                               "profileImageUrl": "https://yt3.ggpht.com/x", "isVerified": false, "isChatOwner": true,
                               "isChatSponsor": false, "isChatModerator": false}}
            """
        let item = try JSONDecoder.platform.decode(LiveChatItem.self, from: Data(json.utf8))
        guard case .message(let message) = YouTubeChatMapping.event(for: item, videoID: "dQw4w9WgXcQ") else {
            throw MappingTestError.notAMessage
        }
        #expect(message.platform == .youtube)
        #expect(message.channel == "dQw4w9WgXcQ")
        #expect(message.id == "LCC.abc")
        #expect(message.userID == "UCowner")
        #expect(message.userLogin == "@dallas")
        #expect(message.displayName == "@Dallas")
        #expect(message.roles == [.broadcaster])
        #expect(message.text == "hello chat :face-blue-smiling:")
        #expect(message.emoteRanges == [11...29])
        #expect(message.notice == nil)
        #expect(abs(message.timestamp.timeIntervalSince1970 - 1_796_042_096.789) < 0.001)
    }

    @Test func superChatsAndStickersArePaidNoticesWithTheirAmount() throws {
        let chat = try message(.superChat("sc1", by: alice, display: "$5.00", micros: 5_000_000, currency: "USD", comment: "love the stream"))
        #expect(chat.notice == .superChat)
        #expect(chat.notice?.isPaid == true)
        #expect(chat.text == "love the stream")
        #expect(chat.noticeDetails == ["amount": "$5.00", "amount_micros": "5000000", "currency": "USD"])
        #expect(chat.roles == [.subscriber])

        let sticker = try message(.superSticker("st1", by: alice, display: "¥200", micros: 200_000_000, currency: "JPY"))
        #expect(sticker.notice == .superSticker)
        #expect(sticker.text == "")
        #expect(sticker.noticeDetails["amount"] == "¥200")
    }

    @Test func membershipsBecomeNotices() throws {
        let member = try message(.newMember("n1", by: alice, level: "Crew"))
        #expect(member.notice == .membership)
        #expect(member.noticeDetails["level"] == "Crew")

        let milestone = try message(.milestone("m1", by: alice, level: "Crew", months: 12, comment: "a whole year"))
        #expect(milestone.notice == .membershipMilestone)
        #expect(milestone.noticeDetails["months"] == "12")
        #expect(milestone.text == "a whole year")

        let gift = try message(.gifting("g1", by: alice, count: 5, level: "Crew"))
        #expect(gift.notice == .membershipGift)
        #expect(gift.noticeDetails["count"] == "5")
    }

    @Test func deletionsRetractionsAndBansAreModeration() throws {
        #expect(
            try event(.deleted("d1", target: "LCC.abc", by: mod))
                == .moderation(.messageDeleted(platform: .youtube, channel: "dQw4w9WgXcQ", messageID: "LCC.abc"))
        )
        #expect(
            try event(.retracted("r1", target: "LCC.def", by: alice))
                == .moderation(.messageDeleted(platform: .youtube, channel: "dQw4w9WgXcQ", messageID: "LCC.def"))
        )
        #expect(
            try event(.banned("b1", user: .viewer("troll"), by: mod))
                == .moderation(.userCleared(platform: .youtube, channel: "dQw4w9WgXcQ", userID: "UCtroll", login: "@troll"))
        )
    }

    @Test func otherEventsAreNotChat() throws {
        #expect(try event(.chatEnded("e1")) == nil)
        var poll = YouTubeTestItem.text("p1", by: mod, "which map?")
        poll.snippet.type = "pollEvent"
        #expect(try event(poll) == nil)
    }

    @Test func anItemThatCannotBeReadIsLeftOutNotThePage() throws {
        let json = """
            {"nextPageToken": "p3", "pollingIntervalMillis": 4000,
             "items": [
               {"id": "ok1", "snippet": {"type": "textMessageEvent", "textMessageDetails": {"messageText": "fine"}},
                "authorDetails": {"channelId": "UCa", "displayName": "@a"}},
               {"id": "bad", "snippet": {"type": 42}},
               {"id": "ok2", "snippet": {"type": "textMessageEvent", "textMessageDetails": {"messageText": "also fine"}},
                "authorDetails": {"channelId": "UCb", "displayName": "@b"}}
             ]}
            """
        let page = try JSONDecoder.platform.decode(LiveChatPage.self, from: Data(json.utf8))
        #expect(page.items.map(\.id) == ["ok1", "ok2"])
        #expect(page.nextPageToken == "p3")
        #expect(page.pollingIntervalMillis == 4000)
    }

    @Test func shortcodesAreEmotesButTimesAndWordsAreNot() {
        #expect(YouTubeChatMapping.emojiShortcodeRanges(in: ":_wave::yt: hi") == [0...6, 7...10])
        #expect(YouTubeChatMapping.emojiShortcodeRanges(in: "at 10:30: ok, ratio: lol") == [])
        #expect(YouTubeChatMapping.emojiShortcodeRanges(in: "日本 :hand-pink-waving:") == [3...20])
    }
}

private enum MappingTestError: Error { case notAMessage }
