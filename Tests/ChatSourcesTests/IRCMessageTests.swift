import ChatSources
import Testing

@Suite struct IRCMessageTests {
    @Test func parsesTagsPrefixCommandAndTrailing() throws {
        let line =
            #"@badge-info=;badges=moderator/1;display-name=Ronni;emotes=;id=abc;mod=1 :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #dallas :Hello there: friend"#
        let message = try #require(IRCMessage(parsing: Substring(line)))
        #expect(message.command == "PRIVMSG")
        #expect(message.prefix == "ronni!ronni@ronni.tmi.twitch.tv")
        #expect(message.nick == "ronni")
        #expect(message.parameters == ["#dallas", "Hello there: friend"])
        #expect(message.tags["display-name"] == "Ronni")
        #expect(message.tags["badge-info"] == "")
        #expect(message.tags["mod"] == "1")
    }

    @Test(arguments: [
        (#"a\sb"#, "a b"), (#"semi\:colon"#, "semi;colon"), (#"back\\slash"#, #"back\slash"#), (#"cr\rlf\n"#, "cr\rlf\n"),
        (#"unknown\q"#, "unknownq"), (#"trailing\"#, "trailing"), ("plain", "plain"),
    ])
    func unescapesTagValuesAsIRCv3Says(escaped: String, text: String) {
        #expect(IRCTagValue.unescape(Substring(escaped)) == text)
    }

    @Test func escapingRoundTrips() {
        let text = "a b;c\\d\re\nf"
        #expect(IRCTagValue.unescape(Substring(IRCTagValue.escape(text))) == text)
    }

    @Test func commandWithoutParametersAndNumerics() throws {
        #expect(try #require(IRCMessage(parsing: ":tmi.twitch.tv RECONNECT")).command == "RECONNECT")
        #expect(try #require(IRCMessage(parsing: "PING :tmi.twitch.tv")).parameters == ["tmi.twitch.tv"])
        #expect(try #require(IRCMessage(parsing: ":tmi.twitch.tv 001 justinfan1 :Welcome, GLHF!")).command == "001")
        #expect(IRCMessage(parsing: "") == nil)
        #expect(IRCMessage(parsing: "@a=b :prefix") == nil)
    }

    @Test func linesRefuseAnythingThatCouldInjectACommand() throws {
        #expect(try IRCLine.make("JOIN", ["#dallas"]) == "JOIN #dallas\r\n")
        #expect(try IRCLine.make("PONG", trailing: "tmi.twitch.tv") == "PONG :tmi.twitch.tv\r\n")
        #expect(throws: IRCLine.Invalid.self) { try IRCLine.make("JOIN", ["#a\r\nPRIVMSG #b :hi"]) }
        #expect(throws: IRCLine.Invalid.self) { try IRCLine.make("JOIN", ["#a #b"]) }
        #expect(throws: IRCLine.Invalid.self) { try IRCLine.make("PRIVMSG", ["#a"], trailing: "hi\nQUIT") }
        #expect(throws: IRCLine.Invalid.self) { try IRCLine.make("PONG", trailing: "x\0y") }
        #expect(throws: IRCLine.Invalid.self) { try IRCLine.make("JO IN") }
    }
}

@Suite struct TwitchChannelTests {
    @Test(arguments: [
        ("dallas", "dallas"), ("#Dallas", "dallas"), ("https://www.twitch.tv/Some_Streamer", "some_streamer"),
        ("twitch.tv/abc123?sr=a", "abc123"), ("  #x_y  ", "x_y"), (String(repeating: "a", count: 25), String(repeating: "a", count: 25)),
    ])
    func acceptsLoginsHashNamesAndURLs(text: String, name: String) {
        #expect(TwitchChannel(text)?.name == name)
    }

    @Test(arguments: ["", "#", "a b", "dallas\r\nJOIN #x", "bad-name", "名前", String(repeating: "a", count: 26), "https://example.com/x"])
    func refusesEverythingElse(text: String) {
        #expect(TwitchChannel(text) == nil)
    }
}
