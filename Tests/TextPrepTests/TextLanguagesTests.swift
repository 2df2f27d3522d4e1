import Testing
import TextPrep

/// Chat lines and the languages their scripts and letters say they are in, heaviest first.
@Suite struct TextLanguagesTests {
    @Test(arguments: [
        ("hello chat", ["en"]),
        ("你好世界", ["zh"]),
        ("こんにちは", ["ja"]),
        ("日本語を話す", ["ja"]),  // kanji among kana are Japanese
        ("안녕하세요", ["ko"]),
        ("привет всем", ["ru"]),
        ("привіт усім", ["uk"]),  // і is Ukrainian, not Russian
        ("Γεια σου", ["el"]),
        ("مرحبا", ["ar"]),
        ("😂😂🔥", []),
        ("123 !!! ???", []),
        ("gg 你好", ["zh", "en"]),  // two Han characters outweigh two letters
        ("hello мир", ["en", "ru"]),
        ("lol 哈哈哈哈哈", ["zh", "en"]),
        ("¿Qué tal, señor?", ["es"]),
        ("Grüße aus der Straße", ["de"]),
        ("não sei", ["pt"]),
        ("hola amigo", ["en"]),  // nothing in its letters says Spanish
        ("über cool", ["en"]),  // one marked letter in an English line is not German
        ("jalapeño poppers", ["en"]),
    ])
    func languagesOfChatLines(_ text: String, _ expected: [String]) {
        #expect(TextLanguages(of: text).languages == expected)
    }

    @Test func plainLatinTakesTheConfiguredLanguageButMarkedLettersWin() {
        #expect(TextLanguages(of: "hola amigo", latinLanguage: "es").languages == ["es"])
        #expect(TextLanguages(of: "Straße", latinLanguage: "es").languages == ["de"])
        #expect(TextLanguages(of: "gg 你好", latinLanguage: "de").languages == ["zh", "de"])
    }

    @Test func weightsCountLettersWithCJKCharactersAsTwo() {
        let found = TextLanguages(of: "ok 好的!")
        #expect(found.weights.map(\.language) == ["zh", "en"])
        #expect(found.weights.map(\.weight) == [4, 2])
        #expect(found.dominant == "zh")
        #expect(TextLanguages(of: "🎉").dominant == nil)
    }
}
