/// A Piper voice's phonemes as the ids its model was trained on, framed as piper-tts frames them.
///
/// Piper's rule (`phonemes_to_ids` in piper-tts): the begin symbol `^` and a pad `_`, then each phoneme's ids
/// followed by a pad, then the end symbol `$`; phonemes the voice lacks are skipped.
struct PiperPhonemeIDs: Sendable, Equatable {
    /// Each phoneme (one Unicode scalar) and its ids.
    private let ids: [Unicode.Scalar: [Int64]]
    private let begin: [Int64]
    private let pad: [Int64]
    private let end: [Int64]
    /// The voice's replacements, applied to phonemizer output first (one phoneme to several).
    private let phonemeMap: [Unicode.Scalar: [Unicode.Scalar]]

    /// Checks the json's `phoneme_id_map` and `phoneme_map`; `source` names the json in errors.
    init(phonemeIDs: [String: [Int]], phonemeMap: [String: [String]], source: String) throws(PiperVoiceError) {
        var ids: [Unicode.Scalar: [Int64]] = [:]
        for (phoneme, phonemeIDs) in phonemeIDs {
            let scalars = Array(phoneme.unicodeScalars)
            guard scalars.count == 1, let scalar = scalars.first else {
                throw .badPhoneme(source, "phoneme \(phoneme.debugDescription) is not one codepoint")
            }
            guard !phonemeIDs.isEmpty, phonemeIDs.allSatisfy({ $0 >= 0 }) else {
                throw .badPhoneme(source, "phoneme \(phoneme.debugDescription) maps to \(phonemeIDs)")
            }
            ids[scalar] = phonemeIDs.map(Int64.init)
        }
        guard let begin = ids["^"], let pad = ids["_"], let end = ids["$"] else {
            throw .badPhoneme(source, "the symbols '^', '_' and '$' (begin, pad, end) must all have ids")
        }
        var replacements: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        for (phoneme, replacement) in phonemeMap {
            guard let scalar = phoneme.unicodeScalars.first, phoneme.unicodeScalars.count == 1 else { continue }
            replacements[scalar] = replacement.flatMap(\.unicodeScalars)
        }
        self.ids = ids
        self.begin = begin
        self.pad = pad
        self.end = end
        self.phonemeMap = replacements
    }

    /// The framed ids of a phonemizer's output; `nil` when it has no sound in it (only pauses and punctuation, which
    /// alone make noise, not speech).
    func framedIDs(of phonemes: String) -> [Int64]? {
        var result = begin + pad
        var hasSpeech = false
        for scalar in phonemes.unicodeScalars {
            for phoneme in phonemeMap[scalar] ?? [scalar] {
                guard let phonemeIDs = ids[phoneme] else { continue }
                result += phonemeIDs
                result += pad
                hasSpeech = hasSpeech || phoneme.properties.isAlphabetic
            }
        }
        return hasSpeech ? result + end : nil
    }
}
