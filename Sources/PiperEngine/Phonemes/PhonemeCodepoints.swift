/// Turns a phonemizer's output into the codepoints a voice's model knows.
enum PhonemeCodepoints {
    /// `phonemes` after the voice's `phoneme_map` replacements, without codepoints missing from `tokens`.
    ///
    /// piper skips unknown phonemes too; doing it here keeps sherpa-onnx from logging each one.
    static func codepoints(of phonemes: String, phonemeMap: [String: [String]], tokens: PiperTokens) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(phonemes.unicodeScalars.count)
        for scalar in phonemes.unicodeScalars {
            let replaced = phonemeMap[String(scalar)].map { $0.flatMap(\.unicodeScalars) } ?? [scalar]
            for phoneme in replaced where tokens.ids[phoneme] != nil {
                result.append(Int32(bitPattern: phoneme.value))
            }
        }
        return result
    }

    /// Whether `codepoints` hold a sound, not just pauses and punctuation (which alone make noise, not speech).
    static func hasSpeech(_ codepoints: [Int32]) -> Bool {
        codepoints.contains { codepoint in
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: codepoint)) else { return false }
            return scalar.properties.isAlphabetic
        }
    }
}
