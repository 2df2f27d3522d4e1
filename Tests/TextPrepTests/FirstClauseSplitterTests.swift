import Testing
import TextPrep

@Suite struct FirstClauseSplitterTests {
    @Test(arguments: [
        ("Hello chat, thanks for the follow!", ["Hello chat,", "thanks for the follow!"]),
        ("Welcome back everyone, grab a snack and get comfy.", ["Welcome back everyone,", "grab a snack and get comfy."]),
        ("Okay: here is the plan for tonight.", ["Okay: here is the plan for tonight."]),  // head too short
        ("That was great, thanks!", ["That was great, thanks!"]),  // tail too short
        ("No clause here at all, really", ["No clause here at all, really"]),  // tail "really" too short
        ("Can you play the next song please?", ["Can you play the next song please?"]),
        ("First part; and the second part.", ["First part;", "and the second part."]),
        ("3,000 viewers, thank you all for coming!", ["3,000 viewers,", "thank you all for coming!"]),  // no space after the digit comma
        ("Thanks for the five gifted subs, you are amazing.", ["Thanks for the five gifted subs, you are amazing."]),  // clause longer than the rest
        ("大家好欢迎来到直播间，今天我们一起玩新游戏吧。", ["大家好欢迎来到直播间，", "今天我们一起玩新游戏吧。"]),
    ])
    func splitsAtTheFirstClauseWithRoomOnBothSides(_ sentence: String, _ expected: [String]) {
        #expect(FirstClauseSplitter().split(sentence) == expected)
    }

    @Test func nothingIsLost() {
        let sentence = "Big thanks to everyone who raided in, say hi in chat and enjoy the stream!"
        let pieces = FirstClauseSplitter().split(sentence)
        #expect(pieces.joined(separator: " ") == sentence)
    }
}
