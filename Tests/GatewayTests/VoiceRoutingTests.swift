import SpeechCore
import Testing

@testable import Gateway

/// Which voice speaks a chat line, by its language: the user's own, the language's, the default, any that can.
@Suite struct VoiceRoutingTests {
    static let voices = [
        Voice(id: "joe", engine: .piper, engineLabel: "Piper", language: "en-US", sampleRate: 22050),
        Voice(id: "huayan", engine: .piper, engineLabel: "Piper", language: "zh-CN", sampleRate: 22050),
        Voice(id: "irina", engine: .piper, engineLabel: "Piper", language: "ru-RU", sampleRate: 22050),
        Voice(id: "walter", engine: .f5, engineLabel: "F5", language: "en-US", languages: ["en-US", "zh", "en"], sampleRate: 24000),
    ]

    static func routing(_ change: (inout GatewayRules) -> Void = { _ in }) -> VoiceRouting {
        var rules = GatewayRules()
        change(&rules)
        return VoiceRouting(voices: voices, defaultVoiceID: "joe", rules: rules)
    }

    @Test(arguments: [
        ("hello chat", nil, VoiceRouting.Route.voice(nil)),  // the default voice speaks it: nothing changes
        ("你好", nil, .voice("huayan")),
        ("привет", nil, .voice("irina")),
        ("😂😂", nil, .voice(nil)),  // no language: the user's voice as it is
        ("你好", "walter", .voice("walter")),  // the user's own voice speaks Chinese
        ("hello", "huayan", .voice("joe")),  // the user's own voice does not speak English: the default does
        ("gg 你好", nil, .voice("walter")),  // mixed: the one voice that speaks both
        ("こんにちは", nil, .unspoken),  // nobody speaks Japanese
    ])
    func routes(_ text: String, _ preferred: String?, _ expected: VoiceRouting.Route) {
        #expect(Self.routing().route(text, preferred: preferred) == expected)
    }

    @Test func theConfiguredVoiceOfALanguageComesBeforeAnyOther() {
        let routing = Self.routing { $0.languageVoices = ["zh": "walter"] }
        #expect(routing.route("你好", preferred: nil) == .voice("walter"))
        #expect(routing.route("你好", preferred: "huayan") == .voice("huayan"))
    }

    @Test func mixedLinesGoToTheDominantLanguageWhenNoVoiceSpeaksBoth() {
        let routing = VoiceRouting(voices: Array(Self.voices.prefix(2)), defaultVoiceID: "joe", rules: GatewayRules())
        #expect(routing.route("gg 你好", preferred: nil) == .voice("huayan"))
        #expect(routing.route("hello everyone 好", preferred: nil) == .voice(nil))
    }

    @Test func unspokenLanguagesFallBackToTheDefaultVoiceWhenAskedTo() {
        let routing = Self.routing { $0.unspokenLanguage = .defaultVoice }
        #expect(routing.route("こんにちは", preferred: nil) == .voice(nil))
        #expect(routing.route("こんにちは", preferred: "irina") == .voice("irina"))
    }

    @Test func onlyChatVoicesAreFoundByLanguageWhenTheyAreListed() {
        let routing = Self.routing { $0.chatVoices = ["joe", "walter"] }
        #expect(routing.route("你好", preferred: nil) == .voice("walter"))
        #expect(routing.route("привет", preferred: nil) == .unspoken)
    }

    @Test func theLatinLanguageSettingDecidesPlainLatinText() {
        let routing = Self.routing { $0.latinLanguage = "ru" }
        #expect(routing.route("privet", preferred: nil) == .voice("irina"))
    }

    @Test func aLanguageOnlyMarkedLettersSuggestFallsBackToTheLatinLanguage() {
        let routing = Self.routing()
        #expect(routing.route("Grüße aus der Straße", preferred: nil) == .voice(nil))  // no German voice: read as English
        let german = Voice(id: "thorsten", engine: .piper, engineLabel: "Piper", language: "de-DE", sampleRate: 22050)
        let withGerman = VoiceRouting(voices: Self.voices + [german], defaultVoiceID: "joe", rules: GatewayRules())
        #expect(withGerman.route("Grüße aus der Straße", preferred: nil) == .voice("thorsten"))
    }
}
