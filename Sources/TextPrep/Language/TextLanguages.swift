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

    /// The language plain Latin letters stand for when no marked letter says otherwise.
    public let latinLanguage: String
    /// The language marked letters (`ñ`, `ß`…) gave the Latin part instead, if they did.
    public let hintedLatinLanguage: String?

    /// Tells the languages of `text`; plain Latin letters count as `latinLanguage` (a primary subtag such as `en`).
    ///
    /// Marked letters name another language only when they are a real share of the Latin letters (two of them, or
    /// 15 %): one `ü` in "über cool" or one `ñ` in "jalapeño" is an English line.
    public init(of text: String, latinLanguage: String = "en") {
        var scripts: [ScriptLanguage: Int] = [:]
        var order: [ScriptLanguage] = []
        var hints: [String: Int] = [:]
        for scalar in text.unicodeScalars {
            // Hints include marks that are not letters (`¿`, `¡`).
            if let hint = LatinHints.language(of: scalar) { hints[hint, default: 0] += 1 }
            guard let script = ScriptLanguage(scalar) else { continue }
            if scripts[script] == nil { order.append(script) }
            scripts[script, default: 0] += script.weight
        }
        let latinLetters = scripts[.latin, default: 0]
        // The Latin hint most letters point to; ties go to the alphabetically first, so the answer never varies.
        let strongest = hints.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }
        let hinted = strongest.flatMap { $0.value >= 2 || Double($0.value) >= 0.15 * Double(max(1, latinLetters)) ? $0.key : nil }
        self.latinLanguage = latinLanguage
        self.hintedLatinLanguage = latinLetters > 0 && hinted != latinLanguage ? hinted : nil
        let latin = hintedLatinLanguage ?? latinLanguage
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

    /// The same text read without the marked letters' hint: its Latin part as ``latinLanguage`` (what a line falls back
    /// to when no voice speaks the hinted language).
    public var withoutLatinHint: TextLanguages? {
        guard let hinted = hintedLatinLanguage else { return nil }
        var merged: [(language: String, weight: Int)] = []
        for (language, weight) in weights {
            let renamed = language == hinted ? latinLanguage : language
            if let index = merged.firstIndex(where: { $0.language == renamed }) {
                merged[index].weight += weight
            } else {
                merged.append((renamed, weight))
            }
        }
        return TextLanguages(weights: merged.sorted { $0.weight > $1.weight }, latinLanguage: latinLanguage)
    }

    private init(weights: [(language: String, weight: Int)], latinLanguage: String) {
        self.weights = weights
        self.latinLanguage = latinLanguage
        self.hintedLatinLanguage = nil
    }

    public static func == (lhs: TextLanguages, rhs: TextLanguages) -> Bool {
        lhs.weights.map(\.language) == rhs.weights.map(\.language) && lhs.weights.map(\.weight) == rhs.weights.map(\.weight)
    }
}
