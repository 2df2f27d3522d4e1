import ChatSources
import Foundation
import Testing

/// Lines in the formats of Twitch's IRC documentation ("Twitch IRC tags", "Commands").
@Suite struct TwitchIRCInputTests {
    private func input(_ line: String) throws -> TwitchIRCInput {
        TwitchIRCInput(try #require(IRCMessage(parsing: Substring(line))))
    }

    @Test func privmsgWithBadgesBitsEmotesAndReply() throws {
        let line =
            #"@badge-info=subscriber/8;badges=broadcaster/1,subscriber/6;bits=100;color=#0D4200;display-name=Ronni_The\sGreat;emotes=25:0-4,12-16/1902:6-10;first-msg=1;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;mod=0;reply-parent-msg-id=parent-1;room-id=1337;subscriber=1;tmi-sent-ts=1507246572675;user-id=1337 :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :Kappa Keepo Kappa cheer100"#
        guard case .chat(.message(let message)) = try input(line) else {
            Issue.record("not a message")
            return
        }
        #expect(message.platform == .twitch)
        #expect(message.channel == "ronni")
        #expect(message.id == "b34ccfc7-4977-403a-8a94-33c6bac34fb8")
        #expect(message.userID == "1337")
        #expect(message.userLogin == "ronni")
        #expect(message.displayName == "Ronni_The Great")
        #expect(message.color == "#0D4200")
        #expect(message.roles == [.broadcaster, .subscriber])
        #expect(message.bits == 100)
        // The emotes tag's three, and the cheermote the message paid with (IRC does not mark it; EventSub does).
        #expect(message.emoteRanges == [0...4, 6...10, 12...16, 18...25])
        #expect(message.replyParentID == "parent-1")
        #expect(message.isFirstMessage)
        #expect(message.text == "Kappa Keepo Kappa cheer100")
        #expect(message.timestamp == Date(timeIntervalSince1970: 1_507_246_572.675))
    }

    @Test func actionAndRewardAndRoles() throws {
        let line =
            "@badges=vip/1;custom-reward-id=reward-7;id=m2;mod=1;user-id=9;vip=1 :bob!bob@bob.tmi.twitch.tv PRIVMSG #dallas :\u{1}ACTION waves hello\u{1}"
        guard case .chat(.message(let message)) = try input(line) else {
            Issue.record("not a message")
            return
        }
        #expect(message.isAction)
        #expect(message.text == "waves hello")
        #expect(message.rewardID == "reward-7")
        #expect(message.roles == [.vip, .moderator])
        #expect(message.displayName == "bob")
    }

    @Test func moderation() throws {
        #expect(
            try input("@login=ronni;room-id=;target-msg-id=abc-123;tmi-sent-ts=1642720582342 :tmi.twitch.tv CLEARMSG #dallas :HeyGuys")
                == .chat(.moderation(.messageDeleted(platform: .twitch, channel: "dallas", messageID: "abc-123")))
        )
        #expect(
            try input("@ban-duration=350;room-id=12345678;target-user-id=87654321;tmi-sent-ts=1642719320727 :tmi.twitch.tv CLEARCHAT #dallas :Ronni")
                == .chat(.moderation(.userCleared(platform: .twitch, channel: "dallas", userID: "87654321", login: "ronni")))
        )
        #expect(
            try input("@room-id=12345678;tmi-sent-ts=1642715695392 :tmi.twitch.tv CLEARCHAT #dallas")
                == .chat(.moderation(.chatCleared(platform: .twitch, channel: "dallas")))
        )
    }

    @Test func userNoticesCarryKindAndDetails() throws {
        let resub =
            #"@badges=staff/1,broadcaster/1;color=#008000;display-name=ronni;emotes=;id=db25007f;login=ronni;mod=0;msg-id=resub;msg-param-cumulative-months=6;msg-param-sub-plan=Prime;room-id=12345678;subscriber=1;system-msg=ronni\shas\ssubscribed\sfor\s6\smonths!;tmi-sent-ts=1507246572675;user-id=87654321 :tmi.twitch.tv USERNOTICE #dallas :Great stream -- keep it up!"#
        guard case .chat(.message(let message)) = try input(resub) else {
            Issue.record("not a notice")
            return
        }
        #expect(message.notice == .resubscription)
        #expect(message.noticeDetails["cumulative-months"] == "6")
        #expect(message.text == "Great stream -- keep it up!")
        #expect(message.userLogin == "ronni")

        let raid =
            #"@badges=turbo/1;display-name=TestChannel;id=3d830f12;login=testchannel;msg-id=raid;msg-param-displayName=TestChannel;msg-param-login=testchannel;msg-param-viewerCount=15;user-id=123456 :tmi.twitch.tv USERNOTICE #othertestchannel"#
        guard case .chat(.message(let raidMessage)) = try input(raid) else {
            Issue.record("not a notice")
            return
        }
        #expect(raidMessage.notice == .raid)
        #expect(raidMessage.noticeDetails["viewerCount"] == "15")
        #expect(raidMessage.text == "")
        // Kinds nobody reads aloud (ritual, bitsbadgetier…) are ignored.
        #expect(try input("@msg-id=ritual;login=x;id=r :tmi.twitch.tv USERNOTICE #dallas :hi") == .ignored)
    }

    @Test func connectionControl() throws {
        #expect(try input("PING :tmi.twitch.tv") == .ping(token: "tmi.twitch.tv"))
        #expect(try input(":tmi.twitch.tv RECONNECT") == .reconnect)
        #expect(try input(":tmi.twitch.tv 001 justinfan123 :Welcome, GLHF!") == .welcome)
        #expect(try input(":tmi.twitch.tv NOTICE * :Login authentication failed") == .loginFailed(reason: "Login authentication failed"))
        #expect(try input(":tmi.twitch.tv NOTICE * :Improperly formatted auth") == .loginFailed(reason: "Improperly formatted auth"))
        #expect(try input(":justinfan1!justinfan1@justinfan1.tmi.twitch.tv JOIN #dallas") == .joined(TwitchChannel("dallas")!))
        #expect(try input(":tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands") == .ignored)
        #expect(try input("@msg-id=slow_on :tmi.twitch.tv NOTICE #dallas :This room is now in slow mode.") == .ignored)
    }
}
