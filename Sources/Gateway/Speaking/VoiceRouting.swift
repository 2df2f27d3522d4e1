import SpeechCore
import TextPrep

/// What a chat message does when no voice speaks its language (`unspoken_language`).
public enum UnspokenLanguagePolicy: String, Sendable, Codable, CaseIterable {
    /// Spoken by the default voice anyway.
    case defaultVoice = "default_voice"
    /// Not spoken (filtered as `no_voice_for_language`).
    case skip
}

/// Picks, for a chat message, a voice that speaks its language: the user's own voice if it does, else the configured
/// voice for that language (`language_voices`), else the default voice, else any chat voice that does. A message in
/// two languages ("gg 你好") goes to a voice that speaks both when one of these does, else to one that speaks the
/// dominant language.
struct VoiceRouting {
    /// Every voice there is, in catalog order.
    let voices: [Voice]
    /// The voice `nil` stands for: the gateway's default voice, else the server's.
    let defaultVoiceID: String
    let rules: GatewayRules

    /// Where a message goes.
    enum Route: Equatable {
        /// Spoken with this voice (`nil`: the server's default voice).
        case voice(String?)
        /// No voice speaks it and the rules say to skip it.
        case unspoken
    }

    /// The route for `text` from a user whose own voice is `preferred` (`nil`: the default).
    func route(_ text: String, preferred: String?) -> Route {
        route(TextLanguages(of: text, latinLanguage: rules.latinLanguage), preferred: preferred)
    }

    /// The route for a line in the languages `found`.
    func route(_ found: TextLanguages, preferred: String?) -> Route {
        guard let dominant = found.dominant else { return .voice(preferred) }
        if let route = firstVoice(speakingAll: found.languages, dominant: dominant, preferred: preferred) { return route }
        if found.languages.count > 1, let route = firstVoice(speakingAll: [dominant], dominant: dominant, preferred: preferred) {
            return route
        }
        // Marked Latin letters ("über", "jalapeño") only suggested a language: without a voice for it, the line is read
        // as `latin_language`.
        if let plain = found.withoutLatinHint { return route(plain, preferred: preferred) }
        switch rules.unspokenLanguage {
        case .defaultVoice: return .voice(preferred)
        case .skip: return .unspoken
        }
    }

    /// The first candidate that speaks every one of `languages`; the preferred voice keeps its spelling (`nil` stays
    /// `nil`), so nothing changes for chat that its voice already speaks.
    private func firstVoice(speakingAll languages: [String], dominant: String, preferred: String?) -> Route? {
        func speaksAll(_ id: String) -> Bool {
            guard let voice = voices.first(where: { $0.id == id }) else { return false }
            return languages.allSatisfy(voice.speaks)
        }
        if speaksAll(preferred ?? defaultVoiceID) { return .voice(preferred) }
        let named = [rules.languageVoices[dominant], rules.defaultVoice ?? defaultVoiceID].compactMap { $0 }
        if let id = named.first(where: speaksAll) { return .voice(id) }
        let allowed = rules.chatVoices.isEmpty ? voices.map(\.id) : rules.chatVoices
        return allowed.first(where: speaksAll).map { .voice($0) }
    }
}
