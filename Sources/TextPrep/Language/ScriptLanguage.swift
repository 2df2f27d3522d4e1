/// The writing systems ``TextLanguages`` tells apart, each with the language it stands for.
enum ScriptLanguage: Hashable {
    case latin, han, kana, hangul, cyrillic, greek, arabic, hebrew, thai, devanagari

    /// The script of a letter; `nil` for anything that is not a letter of these scripts.
    init?(_ scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x1E00...0x1EFF: self = .latin
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: self = .han
        case 0x3041...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9D: self = .kana
        case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3131...0x318E: self = .hangul
        case 0x400...0x52F: self = .cyrillic
        case 0x370...0x3FF, 0x1F00...0x1FFF: self = .greek
        case 0x600...0x6FF, 0x750...0x77F: self = .arabic
        case 0x5D0...0x5EA: self = .hebrew
        case 0xE01...0xE5B: self = .thai
        case 0x900...0x97F: self = .devanagari
        default: return nil
        }
    }

    /// A Han, kana or Hangul character carries about a syllable, two or three Latin letters' worth.
    var weight: Int {
        switch self {
        case .han, .kana, .hangul: 2
        default: 1
        }
    }

    /// The language this script's letters stand for in `text` (Latin is decided by ``TextLanguages`` itself).
    func language(text: String) -> String {
        switch self {
        case .latin: "en"
        case .han: "zh"
        case .kana: "ja"
        case .hangul: "ko"
        // Letters Russian lacks and Ukrainian has.
        case .cyrillic: text.unicodeScalars.contains { "іїєґІЇЄҐ".unicodeScalars.contains($0) } ? "uk" : "ru"
        case .greek: "el"
        // Letters Persian adds to the Arabic alphabet.
        case .arabic: text.unicodeScalars.contains { "پچژگ".unicodeScalars.contains($0) } ? "fa" : "ar"
        case .hebrew: "he"
        case .thai: "th"
        case .devanagari: "hi"
        }
    }
}

/// Latin letters that only one of the common chat languages uses: the one table of them.
enum LatinHints {
    static let letters: [String: String] = [
        "ñ¿¡": "es",
        "ßäöü": "de",
        "ãõ": "pt",
        "œèêëàâîôûùç": "fr",
        "ąęłńśźż": "pl",
        "ğşı": "tr",
        "ěščřžů": "cs",
        "ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ": "vi",
    ]

    private static let byScalar: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        for (letters, language) in letters {
            for scalar in letters.unicodeScalars {
                table[scalar] = language
                for upper in String(scalar).uppercased().unicodeScalars where upper != scalar { table[upper] = language }
            }
        }
        return table
    }()

    /// The language `scalar` marks, if only one uses it.
    static func language(of scalar: Unicode.Scalar) -> String? { byScalar[scalar] }
}
