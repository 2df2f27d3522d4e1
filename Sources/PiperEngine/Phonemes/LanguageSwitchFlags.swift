/// Removes the language-switch flags espeak-ng writes into its phonemes, e.g. `(en)` or `(fr)`,
/// when a word is read with another language's rules; they are markup, not sounds.
enum LanguageSwitchFlags {
    /// `phonemes` without `(xx)` / `(xx-yy)` flags.
    static func strip(_ phonemes: String) -> String {
        guard phonemes.contains("(") else { return phonemes }
        var result = ""
        var rest = Substring(phonemes)
        while let open = rest.firstIndex(of: "(") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: ")"), isLanguageName(rest[afterOpen..<close]) {
                rest = rest[rest.index(after: close)...]
            } else {
                result.append("(")
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }

    private static func isLanguageName(_ name: Substring) -> Bool {
        !name.isEmpty && name.count <= 12 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}
