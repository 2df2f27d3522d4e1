/// A Piper voice's phoneme table in the form sherpa-onnx reads: one codepoint per token, one id each.
struct PiperTokens: Sendable, Equatable {
    /// Each phoneme codepoint's id.
    let ids: [Unicode.Scalar: Int]

    /// The symbols sherpa-onnx frames every sentence with (piper's pad, bos and eos).
    static let requiredSymbols: [Unicode.Scalar] = ["_", "^", "$"]

    /// Checks `phonemeIDs` (from the json) and keeps it; `source` names the json in errors.
    ///
    /// sherpa-onnx exits the whole process on a token file it cannot read, so everything it would
    /// choke on is rejected here with a clear error instead.
    init(phonemeIDs: [String: [Int]], source: String) throws(PiperVoiceError) {
        var ids: [Unicode.Scalar: Int] = [:]
        for (phoneme, phonemeIDs) in phonemeIDs {
            // Piper maps "\n" for sentence breaks in raw-phoneme input; sherpa-onnx has no use for it.
            if phoneme == "\n" { continue }
            let scalars = Array(phoneme.unicodeScalars)
            guard scalars.count == 1, let scalar = scalars.first else {
                throw .badPhoneme(source, "phoneme \(phoneme.debugDescription) is not one codepoint")
            }
            guard phonemeIDs.count == 1, let id = phonemeIDs.first, id >= 0 else {
                throw .badPhoneme(source, "phoneme \(phoneme.debugDescription) maps to \(phonemeIDs), not one id")
            }
            // tokens.txt is whitespace-separated: only the plain space has an unambiguous line (" 3").
            if scalar != " ", scalar.properties.isWhitespace, scalar.isASCII {
                throw .badPhoneme(source, "phoneme \(phoneme.debugDescription) cannot be written to tokens.txt")
            }
            ids[scalar] = id
        }
        for symbol in Self.requiredSymbols where ids[symbol] == nil {
            throw .badPhoneme(source, "the required symbol '\(symbol)' is missing")
        }
        self.ids = ids
    }

    /// The `tokens.txt` text: `phoneme id` per line, ordered by id.
    var fileText: String {
        ids.sorted { ($0.value, $0.key.value) < ($1.value, $1.key.value) }
            .map { "\(Character($0.key)) \($0.value)\n" }
            .joined()
    }
}
