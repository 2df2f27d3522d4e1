import Foundation
import TestSupport
import Testing

@testable import ChatSources

/// The same scripted chat read over IRC and over EventSub gives the same events: text, user, roles, bits, emotes,
/// replies, rewards, notices and moderation effects.
@Suite struct TwitchTransportParityTests {
    /// One moment of chat in both transports' words.
    struct Moment {
        let irc: String
        let eventSubType: String
        let eventSub: [String: any Sendable]
    }

    typealias E = EventSubTestEvents

    static let conversation: [Moment] = [
        Moment(
            irc:
                "@badges=subscriber/12;color=#FF0000;display-name=Alice;emotes=25:11-15;id=m1;subscriber=1;user-id=3001 :alice!alice@alice.tmi.twitch.tv PRIVMSG #dallas :hello chat Kappa",
            eventSubType: "channel.chat.message",
            eventSub: E.chatMessage(
                id: "m1",
                login: "alice",
                userID: "3001",
                name: "Alice",
                fragments: [E.fragment("text", "hello chat "), E.fragment("emote", "Kappa")],
                badges: [E.badge("subscriber")],
                color: "#FF0000"
            )
        ),
        Moment(
            irc: "@bits=100;display-name=Bob;id=m2;user-id=3002 :bob!bob@bob.tmi.twitch.tv PRIVMSG #dallas :Cheer100 great stream",
            eventSubType: "channel.chat.message",
            eventSub: E.chatMessage(
                id: "m2",
                login: "bob",
                userID: "3002",
                name: "Bob",
                fragments: [E.fragment("cheermote", "Cheer100", bits: 100), E.fragment("text", " great stream")],
                bits: 100
            )
        ),
        Moment(
            irc:
                "@badges=moderator/1;display-name=Mod;id=m3;mod=1;reply-parent-msg-id=m1;user-id=3003 :mod!mod@mod.tmi.twitch.tv PRIVMSG #dallas :@alice welcome",
            eventSubType: "channel.chat.message",
            eventSub: E.chatMessage(
                id: "m3",
                login: "mod",
                userID: "3003",
                name: "Mod",
                fragments: [E.fragment("mention", "@alice"), E.fragment("text", " welcome")],
                badges: [E.badge("moderator")],
                replyParentID: "m1"
            )
        ),
        Moment(
            irc:
                "@badges=vip/1;display-name=Vera;first-msg=1;id=m4;user-id=3004;vip=1 :vera!vera@vera.tmi.twitch.tv PRIVMSG #dallas :first time here",
            eventSubType: "channel.chat.message",
            eventSub: E.chatMessage(
                id: "m4",
                login: "vera",
                userID: "3004",
                name: "Vera",
                fragments: [E.fragment("text", "first time here")],
                badges: [E.badge("vip")],
                messageType: "user_intro"
            )
        ),
        Moment(
            irc: "@custom-reward-id=r-123;display-name=Ray;id=m5;user-id=3005 :ray!ray@ray.tmi.twitch.tv PRIVMSG #dallas :play my song",
            eventSubType: "channel.chat.message",
            eventSub: E.chatMessage(
                id: "m5",
                login: "ray",
                userID: "3005",
                name: "Ray",
                fragments: [E.fragment("text", "play my song")],
                rewardID: "r-123"
            )
        ),
        Moment(
            irc:
                "@badges=subscriber/12;display-name=Sam;id=n1;login=sam;msg-id=resub;msg-param-cumulative-months=12;msg-param-streak-months=3;user-id=3006 :tmi.twitch.tv USERNOTICE #dallas :twelve months already",
            eventSubType: "channel.chat.notification",
            eventSub: E.notification(
                id: "n1",
                login: "sam",
                userID: "3006",
                name: "Sam",
                noticeType: "resub",
                details: [
                    "cumulative_months": 12, "streak_months": 3, "duration_months": 1, "sub_tier": "1000", "is_prime": false, "is_gift": false,
                ],
                text: "twelve months already",
                badges: [E.badge("subscriber")]
            )
        ),
        Moment(
            irc:
                "@display-name=Raider;id=n2;login=raider;msg-id=raid;msg-param-displayName=Raider;msg-param-login=raider;msg-param-viewerCount=42;user-id=3007 :tmi.twitch.tv USERNOTICE #dallas",
            eventSubType: "channel.chat.notification",
            eventSub: E.notification(
                id: "n2",
                login: "raider",
                userID: "3007",
                name: "Raider",
                noticeType: "raid",
                details: ["user_id": "3007", "user_login": "raider", "user_name": "Raider", "viewer_count": 42, "profile_image_url": ""]
            )
        ),
        Moment(
            irc: "@login=bob;target-msg-id=m2 :tmi.twitch.tv CLEARMSG #dallas :Cheer100 great stream",
            eventSubType: "channel.chat.message_delete",
            eventSub: E.messageDelete("m2", login: "bob", userID: "3002")
        ),
        Moment(
            irc: "@ban-duration=600;target-user-id=3002 :tmi.twitch.tv CLEARCHAT #dallas :bob",
            eventSubType: "channel.chat.clear_user_messages",
            eventSub: E.clearUserMessages(login: "bob", userID: "3002")
        ),
        Moment(irc: ":tmi.twitch.tv CLEARCHAT #dallas", eventSubType: "channel.chat.clear", eventSub: E.broadcaster),
    ]

    /// Both transports stamp messages with their own clocks; the rest must match.
    private func unstamped(_ event: ChatEvent?) -> ChatEvent? {
        guard case .message(var message) = event else { return event }
        message.timestamp = Date(timeIntervalSince1970: 0)
        return .message(message)
    }

    @Test(arguments: conversation.indices)
    func bothTransportsReadTheSameEvent(index: Int) throws {
        let moment = Self.conversation[index]
        guard case .chat(let overIRC) = TwitchIRCInput(try #require(IRCMessage(parsing: Substring(moment.irc)))) else {
            Issue.record("IRC line not read as chat")
            return
        }
        let envelope: [String: any Sendable] = ["payload": ["event": moment.eventSub] as [String: any Sendable]]
        let overEventSub = try EventSubMapping.event(type: moment.eventSubType, json: JSONSerialization.data(withJSONObject: envelope))
        #expect(unstamped(overEventSub) == unstamped(overIRC))
    }

    @Test func cheermotesAndEmotesAreNotReadOutOnEitherTransport() throws {
        guard case .chat(.message(let message)) = TwitchIRCInput(try #require(IRCMessage(parsing: Substring(Self.conversation[1].irc)))) else {
            Issue.record("not a message")
            return
        }
        #expect(message.emoteRanges == [0...7])
        #expect(CheermoteRanges.find(in: "Cheer100 and uni5 but not abc or 0100 or Cheer0", bits: 105) == [0...7, 13...16])
        #expect(CheermoteRanges.find(in: "Cheer100", bits: 0) == [])
    }

    @Test func aRedemptionWithoutTextIsANoticeAndOneWithTextIsLeftToItsChatMessage() throws {
        func redemption(input: String) -> [String: any Sendable] {
            var event = E.broadcaster
            event["id"] = "redemption-1"
            event["user_id"] = "3008"
            event["user_login"] = "hydro"
            event["user_name"] = "Hydro"
            event["user_input"] = input
            event["status"] = "unfulfilled"
            event["reward"] = ["id": "r-9", "title": "Hydrate!", "cost": 100, "prompt": ""] as [String: any Sendable]
            event["redeemed_at"] = "2026-11-30T12:00:00Z"
            return ["payload": ["event": event] as [String: any Sendable]]
        }
        let type = "channel.channel_points_custom_reward_redemption.add"
        guard case .message(let notice) = try EventSubMapping.event(type: type, json: JSONSerialization.data(withJSONObject: redemption(input: "")))
        else {
            Issue.record("not a message")
            return
        }
        #expect(notice.notice == .redemption)
        #expect(notice.noticeDetails == ["reward": "Hydrate!"])
        #expect(notice.rewardID == "r-9")
        #expect(try EventSubMapping.event(type: type, json: JSONSerialization.data(withJSONObject: redemption(input: "play despacito"))) == nil)
    }
}
