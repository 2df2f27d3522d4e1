/// Splits text into the pieces F5-TTS synthesises one at a time, exactly as the official `chunk_text` does.
///
/// Lengths are UTF-8 bytes, as upstream counts them. ``chunksForStreaming(_:maxBytes:firstChunkMaxBytes:)`` adds a
/// short first piece for fast first audio.
///
/// ```swift
/// let limit = F5TextChunker.maxChunkBytes(referenceText: "Hi there. ", referenceSeconds: 6, speed: 1)
/// let chunks = F5TextChunker.chunk("Hello world. How are you?", maxBytes: limit)
/// ```
public enum F5TextChunker {
    /// Clause punctuation after which a run of whitespace splits sentences (`(?<=[;:,.!?])\s+`).
    static let asciiClausePunctuation: Set<Unicode.Scalar> = [";", ":", ",", ".", "!", "?"]
    /// Full-width punctuation after which sentences split with no whitespace (`(?<=[；：，。！？])`).
    static let cjkClausePunctuation: Set<Unicode.Scalar> = ["；", "：", "，", "。", "！", "？"]
    /// The budget used when the reference length makes the official formula meaningless: `chunk_text`'s default.
    public static let fallbackMaxBytes = 135

    /// `text` in chunks of at most `maxBytes` UTF-8 bytes where sentences allow (a longer sentence stays whole).
    ///
    /// A port of `f5_tts.infer.utils_infer.chunk_text` (f5-tts 1.1.22): sentences end at `[;:,.!?]` followed by
    /// whitespace (which is dropped) or right after `[；：，。！？]`; sentences are joined while the running
    /// chunk (with the space appended after a sentence whose last code point is one byte) plus the next sentence
    /// fits, and each chunk is stripped.
    public static func chunk(_ text: String, maxBytes: Int) -> [String] {
        located(text, maxBytes: maxBytes).map(\.text)
    }

    /// One chunk and where its last sentence ends in the source text.
    struct LocatedChunk {
        var text: String
        var sourceEnd: String.Index
    }

    /// ``chunk(_:maxBytes:)`` with, for each chunk, the end of its last sentence in `text`.
    static func located(_ text: String, maxBytes: Int) -> [LocatedChunk] {
        var chunks: [LocatedChunk] = []
        var current = ""
        var currentBytes = 0
        var currentEnd = text.startIndex
        for range in sentenceRanges(in: text) {
            let sentence = text[range]
            guard !sentence.isEmpty else { continue }
            // Upstream appends " " after a sentence ending in a one-byte code point (its ASCII punctuation).
            let piece = PythonText.lastIsOneByte(sentence) ? sentence + " " : String(sentence)
            if currentBytes + sentence.utf8.count <= maxBytes {
                current += piece
                currentBytes += piece.utf8.count
            } else {
                if !current.isEmpty {
                    chunks.append(LocatedChunk(text: String(PythonText.strip(current[...])), sourceEnd: currentEnd))
                }
                current = piece
                currentBytes = piece.utf8.count
            }
            currentEnd = range.upperBound
        }
        if !current.isEmpty {
            chunks.append(LocatedChunk(text: String(PythonText.strip(current[...])), sourceEnd: currentEnd))
        }
        return chunks
    }

    /// The official per-chunk budget: `int(len(ref_text.encode()) / ref_s * (22 - ref_s) * speed)`.
    ///
    /// `referenceText` is the transcript as `infer_process` sees it (``F5Transcript/preprocessed(_:)``) and
    /// `referenceSeconds` the prepared clip's length (samples / sample rate). Upstream divides by zero for an
    /// empty clip and goes negative past 22 s; for those, a non-positive or non-finite speed, or an empty
    /// transcript this returns ``fallbackMaxBytes`` instead. Prepared references are at most 12 s, so real
    /// inputs always take the official path.
    public static func maxChunkBytes(referenceText: String, referenceSeconds: Double, speed: Double) -> Int {
        let bytes = referenceText.utf8.count
        guard bytes > 0, referenceSeconds.isFinite, referenceSeconds > 0, referenceSeconds < 22,
            speed.isFinite, speed > 0
        else { return fallbackMaxBytes }
        let value = Double(bytes) / referenceSeconds * (22 - referenceSeconds) * speed
        // Python's int() truncates toward zero; the value is positive and bounded here.
        return value < Double(Int.max) ? Int(value) : Int.max
    }

    /// The sentence pieces of `re.split(r"(?<=[;:,.!?])\s+|(?<=[；：，。！？])", text)`, empty ones included.
    static func sentenceRanges(in text: String) -> [Range<String.Index>] {
        let scalars = text.unicodeScalars
        var ranges: [Range<String.Index>] = []
        var pieceStart = scalars.startIndex
        var previous: Unicode.Scalar?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if let before = previous, asciiClausePunctuation.contains(before), PythonText.isSpace(scalars[index]) {
                // `\s+` is greedy: the whole whitespace run is the separator.
                var end = index
                while end < scalars.endIndex, PythonText.isSpace(scalars[end]) { end = scalars.index(after: end) }
                ranges.append(pieceStart..<index)
                pieceStart = end
                index = end
                // The scalar before `end` is whitespace, so no match can start there.
                previous = scalars[scalars.index(before: end)]
                continue
            }
            if let before = previous, cjkClausePunctuation.contains(before) {
                ranges.append(pieceStart..<index)  // an empty match: split without consuming anything
                pieceStart = index
            }
            previous = scalars[index]
            index = scalars.index(after: index)
        }
        if let previous, cjkClausePunctuation.contains(previous) {
            ranges.append(pieceStart..<index)  // the empty match at the very end
            pieceStart = index
        }
        ranges.append(pieceStart..<scalars.endIndex)
        return ranges
    }
}
