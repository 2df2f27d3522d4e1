import Foundation

/// Word error rate: how far a transcript is from what was said, for intelligibility tests.
public enum WordErrorRate {
    /// Lowercased words without punctuation (apostrophes kept inside words: "don't").
    public static func words(_ text: String) -> [String] {
        let cleaned = text.lowercased().unicodeScalars.map { scalar -> Character in
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "'" || scalar == "’" ? Character(scalar) : " "
        }
        return String(cleaned).replacingOccurrences(of: "’", with: "'")
            .split(separator: " ")
            .map { $0.trimmingCharacters(in: ["'"]) }
            .filter { !$0.isEmpty }
    }

    /// Word-level Levenshtein distance: substitutions + deletions + insertions turning `reference` into `hypothesis`.
    public static func editDistance(_ reference: [String], _ hypothesis: [String]) -> Int {
        guard !reference.isEmpty else { return hypothesis.count }
        var previous = Array(0...hypothesis.count)
        for (i, word) in reference.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: hypothesis.count)
            for (j, other) in hypothesis.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (word == other ? 0 : 1))
            }
            previous = current
        }
        return previous[hypothesis.count]
    }

    /// Errors per reference word for one reference/hypothesis pair.
    public static func rate(reference: String, hypothesis: String) -> Double {
        let reference = words(reference)
        return Double(editDistance(reference, words(hypothesis))) / Double(max(1, reference.count))
    }
}
