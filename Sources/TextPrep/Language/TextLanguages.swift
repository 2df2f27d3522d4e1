/// The languages a piece of text is written in, told from its scripts: what the chat gateway routes voices by.
///
/// Script first, with no model and no network: Han is Chinese (Japanese when kana appear too), kana Japanese, Hangul
/// Korean, Cyrillic Russian (Ukrainian with its own letters), and so on through ``ScriptLanguage``. Latin text is
/// ``latinLanguage`` unless it carries letters only one language in ``LatinHints`` uses (`ñ`, `ß`, `ã`…): plain
/// "hola amigo" cannot be told from English by its letters, so a streamer whose chat writes another Latin language
/// sets that language instead. Digits, punctuation, emoji and spaces belong to no language.
public struct TextLanguages: Sendable, Equatable {
    /// Each language found, with its weight (letters; a Han, kana or Hangul character counts as two, as it carries
    /// about a syllable), heaviest first; ties keep the order of first appearance.
    public let weights: [(language: String, weight: Int)]

    /// The heaviest language, `nil` for text without letters (emoji, digits).
    public var dominant: String? { weights.first?.language }

    /// Every language found, heaviest first.
    public var languages: [String] { weights.map(\.language) }

    /// Tells the languages of `text`; plain Latin letters count as `latinLanguage` (a primary subtag such as `en`).
    public init(of text: String, latinLanguage: String = "en") {
        var scripts: [ScriptLanguage: Int] = [:]
        var order: [ScriptLanguage] = []
        var hints: [String: Int] = [:]
        for scalar in text.unicodeScalars {
            guard let script = ScriptLanguage(scalar) else { continue }
            if scripts[script] == nil { order.append(script) }
            scripts[script, default: 0] += script.weight
            if script == .latin, let hint = LatinHints.language(of: scalar) { hints[hint, default: 0] += 1 }
        }
        // The Latin hint most letters point to; ties go to the alphabetically first, so the answer never varies.
        let latin = hints.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? latinLanguage
        var weights: [(language: String, weight: Int)] = []
        for script in order {
            let language: String
            switch script {
            case .latin: language = latin
            // Han among kana is Japanese kanji, not Chinese.
            case .han where scripts[.kana] != nil: language = "ja"
            default: language = script.language(text: text)
            }
            let weight = scripts[script, default: 0]
            if let index = weights.firstIndex(where: { $0.language == language }) {
                weights[index].weight += weight
            } else {
                weights.append((language, weight))
            }
        }
        self.weights = weights.enumerated()
            .sorted { $0.element.weight != $1.element.weight ? $0.element.weight > $1.element.weight : $0.offset < $1.offset }
            .map(\.element)
    }

    public static func == (lhs: TextLanguages, rhs: TextLanguages) -> Bool {
        lhs.weights.map(\.language) == rhs.weights.map(\.language) && lhs.weights.map(\.weight) == rhs.weights.map(\.weight)
    }
}
