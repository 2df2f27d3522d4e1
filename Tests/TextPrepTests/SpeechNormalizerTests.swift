import Testing
import TextPrep

@Suite struct SpeechNormalizerTests {
    private let normalizer = SpeechNormalizer()

    @Test(arguments: [
        ("I have 3 cats", "I have three cats"),
        ("1,234 viewers", "one thousand two hundred thirty-four viewers"),
        ("it is 2024", "it is two thousand twenty-four"),
        ("pi is 3.14", "pi is three point one four"),
        ("-5 degrees", "minus five degrees"),
        ("agent 007", "agent zero zero seven"),
        ("1,000,000 subs!", "one million subs!"),
        ("21st place", "twenty-first place"),
        ("2nd 3rd 11th 12th 100th", "second third eleventh twelfth one hundredth"),
        ("the 22th is wrong", "the 22th is wrong"),
        ("$5", "five dollars"),
        ("$1.01", "one dollar and one cent"),
        ("€3.50 and £2.05", "three euros and fifty cents and two pounds and five pence"),
        ("50% off", "fifty percent off"),
        ("12.5%", "twelve point five percent"),
        ("at 3:30pm", "at three thirty PM"),
        ("at 10:05", "at ten oh five"),
        ("12:00am", "twelve o'clock AM"),
        ("gg wp everyone", "good game well played everyone"),
        ("brb, idk lol", "be right back, I don't know L O L"),
        ("(gg)!", "(good game)!"),
        ("xXgamer99 and R2D2", "xXgamer99 and R2D2"),
        ("你好 3 个人", "你好 three 个人"),
        ("今天是2024年", "今天是2024年"),
        ("  spaced   out  ", "spaced out"),
    ])
    func readsChatAsAPersonWould(input: String, spoken: String) {
        #expect(normalizer.normalize(input) == spoken)
    }

    @Test func emojiAreDroppedOrNamed() {
        #expect(normalizer.normalize("nice 🔥 play 😂") == "nice play")
        let naming = SpeechNormalizer(emoji: .name)
        #expect(naming.normalize("nice 🔥") == "nice fire")
        #expect(naming.normalize("wow😂") == "wow face with tears of joy")
    }

    @Test func pronunciationsAndCustomAbbreviations() {
        let custom = SpeechNormalizer(abbreviations: ["pog": "pogue"], pronunciations: ["Nginx": "engine x", "gg": "gee gee"])
        #expect(custom.normalize("POG nginx gg") == "pogue engine x gee gee")
    }

    @Test func numbersBeyondCardinalsAreReadDigitByDigit() {
        #expect(normalizer.normalize("1234567890123") == "one two three four five six seven eight nine zero one two three")
        #expect(
            normalizer.normalize("999999999999")
                == "nine hundred ninety-nine billion nine hundred ninety-nine million nine hundred ninety-nine thousand nine hundred ninety-nine"
        )
    }
}
