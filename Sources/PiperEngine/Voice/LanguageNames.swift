/// English names of the languages Piper has voices for, as sherpa-onnx's converter writes them (ISO 639 names).
enum LanguageNames {
    static let byCode: [String: String] = [
        "ar": "Arabic", "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek",
        "en": "English", "es": "Spanish", "fa": "Persian", "fi": "Finnish", "fr": "French", "hu": "Hungarian",
        "is": "Icelandic", "it": "Italian", "ka": "Georgian", "kk": "Kazakh", "lb": "Luxembourgish", "lv": "Latvian",
        "ne": "Nepali", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
        "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
        "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese", "zh": "Chinese", "hi": "Hindi", "ml": "Malayalam",
    ]

    /// `English` for `en_US`; an unknown code is returned as it is (sherpa only logs the name).
    static func englishName(ofCode code: String) -> String {
        let family = code.split(whereSeparator: { $0 == "_" || $0 == "-" }).first.map { $0.lowercased() } ?? code
        return byCode[family] ?? code
    }
}
