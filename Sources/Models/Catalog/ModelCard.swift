import Foundation

/// Reads the licence out of a Piper voice's `MODEL_CARD` (markdown with `* License: …` and `* URL: …` lines under
/// its dataset heading).
enum ModelCard {
    /// `"See URL (https://…)"`-like text from the card's licence and source lines, or `nil` when it states none.
    static func license(in card: String) -> String? {
        let lines = card.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        func value(_ key: String) -> String? {
            lines.lazy.compactMap { line -> String? in
                let text = line.drop { $0 == "*" || $0 == "-" || $0 == " " }
                guard text.lowercased().hasPrefix(key.lowercased() + ":") else { return nil }
                return text.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
            }.first
        }
        guard let license = value("License") else { return nil }
        return value("URL").map { "\(license) (dataset: \($0))" } ?? license
    }
}
