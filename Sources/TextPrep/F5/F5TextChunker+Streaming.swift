extension F5TextChunker {
    /// The shortest first piece ``chunksForStreaming(_:maxBytes:firstChunkMaxBytes:)`` makes, in UTF-8 bytes.
    public static let minimumFirstChunkBytes = 10

    /// The official chunks, with a long first chunk cut short so the first audio comes sooner.
    ///
    /// When the first official chunk has more than `firstChunkMaxBytes` UTF-8 bytes, its head is cut at the
    /// last of these that leaves a head of at most `firstChunkMaxBytes` and at least ``minimumFirstChunkBytes``:
    /// 1. clause punctuation `[;:,.!?]` followed by whitespace (cut after the punctuation);
    /// 2. otherwise whitespace;
    /// 3. otherwise full-width punctuation `[；：，。！？]` (cut after it);
    /// 4. otherwise, only where that head has no whitespace at all (CJK text), the last character boundary.
    /// If no rule gives such a head, the official chunk stays whole. The rest of the text after the head
    /// (leading whitespace dropped) is chunked again with ``chunk(_:maxBytes:)``. The GPU benchmark's Python copy
    /// (`worker/ishowtts_worker/chunking.py`) is held to this rule by golden rows that `F5FirstChunkGoldenTests` writes.
    public static func chunksForStreaming(_ text: String, maxBytes: Int, firstChunkMaxBytes: Int = 48) -> [String] {
        let located = located(text, maxBytes: maxBytes)
        guard let first = located.first else { return [] }
        guard first.text.utf8.count > firstChunkMaxBytes, let cut = firstCut(first.text, limit: firstChunkMaxBytes) else {
            return located.map(\.text)
        }
        let head = String(PythonText.strip(first.text[..<cut]))
        let rest = String(first.text[cut...]) + text[first.sourceEnd...]
        let remainder = rest.unicodeScalars.drop(while: PythonText.isSpace)
        return [head] + chunk(String(remainder), maxBytes: maxBytes)
    }

    /// Where to end the first piece of `chunk`, or nil when no rule yields a head of an acceptable length.
    private static func firstCut(_ chunk: String, limit: Int) -> String.Index? {
        let scalars = chunk.unicodeScalars
        var afterClause: String.Index?
        var atSpace: String.Index?
        var afterCJK: String.Index?
        var offset = 0
        var previous: Unicode.Scalar?
        var index = scalars.startIndex
        // Every position whose head (the text before it) fits in `limit` bytes.
        while index < scalars.endIndex, offset <= limit {
            let scalar = scalars[index]
            if PythonText.isSpace(scalar) {
                atSpace = index
                if let previous, asciiClausePunctuation.contains(previous) { afterClause = index }
            }
            if let previous, cjkClausePunctuation.contains(previous) { afterCJK = index }
            offset += PythonText.byteCount(scalar)
            previous = scalar
            index = scalars.index(after: index)
        }
        for candidate in [afterClause, atSpace, afterCJK] {
            if let candidate, PythonText.strip(chunk[..<candidate]).utf8.count >= minimumFirstChunkBytes { return candidate }
        }
        guard atSpace == nil else { return nil }  // never cut a spaced word in the middle
        var boundary = chunk.startIndex
        for position in chunk.indices where chunk.utf8.distance(from: chunk.startIndex, to: position) <= limit {
            boundary = position
        }
        return PythonText.strip(chunk[..<boundary]).utf8.count >= minimumFirstChunkBytes ? boundary : nil
    }
}
