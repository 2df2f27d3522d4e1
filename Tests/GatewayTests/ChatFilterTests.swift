import ChatSources
import Testing

@testable import Gateway

@Suite struct ChatFilterTests {
    private func evaluate(_ message: ChatMessage, rules: GatewayRules = GatewayRules()) -> FilterOutcome {
        var filter = ChatFilter(rules: rules)
        return filter.evaluate(message, at: .now)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: FilterOutcome
        var user = "viewer"
        var roles: ChatRoles = []
        var emotes: [ClosedRange<Int>] = []
        var testDescription: String { text }
    }

    @Test(arguments: [
        Case(text: "hello chat", expected: .accept(text: "hello chat")),
        Case(text: "hi", expected: .reject(.ignoredUser), user: "Nightbot"),
        Case(text: "!uptime", expected: .reject(.command)),
        Case(text: "go to https://spam.example.com/x now", expected: .accept(text: "go to link now")),
        Case(text: "see twitch.tv/dallas", expected: .accept(text: "see link")),
        Case(text: "the end. Next time", expected: .accept(text: "the end. Next time")),
        Case(text: "loooooool", expected: .accept(text: "loool")),
        Case(text: "gg gg gg gg gg", expected: .accept(text: "gg gg")),
        Case(text: "Kappa Kappa", expected: .reject(.emoteOnly), emotes: [0...4, 6...10]),
        Case(text: "😂😂😂", expected: .reject(.emoteOnly)),
        Case(text: "nice Kappa play", expected: .accept(text: "nice play"), emotes: [5...9]),
        Case(text: "wow 🎉 nice", expected: .accept(text: "wow nice")),
        Case(text: "   ", expected: .reject(.tooShort)),
        Case(text: "???", expected: .reject(.tooShort)),
        Case(text: "你好，主播", expected: .accept(text: "你好，主播")),
    ])
    func defaultRules(_ testCase: Case) {
        let message = TestChat.message(testCase.text, user: testCase.user, roles: testCase.roles, emotes: testCase.emotes)
        #expect(evaluate(message) == testCase.expected)
    }

    @Test func bannedWordsAreWordAwareAndCoverDisplayNames() {
        var rules = GatewayRules()
        rules.bannedWords = ["badword", "two words"]
        rules.bannedPatterns = ["^buy followers"]
        #expect(evaluate(TestChat.message("this has BadWord in it"), rules: rules) == .reject(.bannedWord))
        #expect(evaluate(TestChat.message("notbadwordatall is fine"), rules: rules) == .accept(text: "notbadwordatall is fine"))
        #expect(evaluate(TestChat.message("say two   words now"), rules: rules) == .reject(.bannedWord))
        #expect(evaluate(TestChat.message("hello", displayName: "BadWord_Fan"), rules: rules) == .reject(.bannedWord))
        #expect(evaluate(TestChat.message("Buy followers cheap"), rules: rules) == .reject(.bannedWord))
    }

    @Test func whoMaySpeakBitsKeywordAndReward() {
        var rules = GatewayRules()
        rules.whoMaySpeak = .subscribers
        #expect(evaluate(TestChat.message("hi"), rules: rules) == .reject(.notAllowed))
        #expect(evaluate(TestChat.message("hi", roles: .vip), rules: rules) == .accept(text: "hi"))

        rules = GatewayRules()
        rules.minimumBits = 100
        #expect(evaluate(TestChat.message("cheer50 hi", bits: 50), rules: rules) == .reject(.notEnoughBits))
        #expect(evaluate(TestChat.message("cheer100 hi", bits: 100), rules: rules) == .accept(text: "cheer100 hi"))
        #expect(evaluate(TestChat.message("mods always", roles: .moderator), rules: rules) == .accept(text: "mods always"))

        rules = GatewayRules()
        rules.keyword = "!say"
        #expect(evaluate(TestChat.message("hello"), rules: rules) == .reject(.noKeyword))
        #expect(evaluate(TestChat.message("!SAY hello there"), rules: rules) == .accept(text: "hello there"))

        rules = GatewayRules()
        rules.onlyRewardID = "tts-reward"
        var redeemed = TestChat.message("read me")
        redeemed.rewardID = "tts-reward"
        #expect(evaluate(TestChat.message("read me"), rules: rules) == .reject(.notReward))
        #expect(evaluate(redeemed, rules: rules) == .accept(text: "read me"))
    }

    @Test func linksCanDropTheMessage() {
        var rules = GatewayRules()
        rules.links = .drop
        #expect(evaluate(TestChat.message("free stuff at www.example.com"), rules: rules) == .reject(.link))
    }

    @Test func emoteOnlyMessagesCanBeReadWithTheirNames() {
        var rules = GatewayRules()
        rules.dropEmoteOnly = false
        #expect(evaluate(TestChat.message("Kappa Kappa", emotes: [0...4, 6...10]), rules: rules) == .accept(text: "Kappa Kappa"))
    }

    @Test func duplicatesAndCooldownUseTheClockTheyAreGiven() {
        var rules = GatewayRules()
        rules.duplicateWindowSeconds = 30
        rules.userCooldownSeconds = 10
        var filter = ChatFilter(rules: rules)
        let start = ContinuousClock.now
        #expect(filter.evaluate(TestChat.message("first", user: "a"), at: start) == .accept(text: "first"))
        #expect(filter.evaluate(TestChat.message("FIRST", user: "b"), at: start + .seconds(1)) == .reject(.duplicate))
        #expect(filter.evaluate(TestChat.message("second", user: "a"), at: start + .seconds(5)) == .reject(.cooldown))
        #expect(filter.evaluate(TestChat.message("second", user: "a"), at: start + .seconds(11)) == .accept(text: "second"))
        #expect(filter.evaluate(TestChat.message("first", user: "c"), at: start + .seconds(31)) == .accept(text: "first"))
    }

    @Test func lengthIsCountedInCharactersAndCutAtAGraphemeBoundary() {
        var rules = GatewayRules()
        rules.maxCharacters = 5
        rules.minCharacters = 2
        #expect(evaluate(TestChat.message("héllo wörld"), rules: rules) == .accept(text: "héllo"))
        #expect(evaluate(TestChat.message("中文字符测试"), rules: rules) == .accept(text: "中文字符测"))
        #expect(evaluate(TestChat.message("a"), rules: rules) == .reject(.tooShort))
        // A family emoji is one character: never half of one.
        #expect(ChatText.truncated("ab👨‍👩‍👧‍👦cd", limit: 3) == "ab👨‍👩‍👧‍👦")
    }
}
