/// Finds the line where a dotted key path is written in a TOML text, for error messages.
///
/// TOMLKit reports positions only for syntax errors, so this scans the (already valid) text for table headers
/// and `key =` lines. It is a best effort: it understands `[table]`, `[[array.of.tables]]`, dotted keys and
/// multi-line strings; a key inside an inline table is found through the line of its table.
struct TOMLLineLocator: Sendable {
    private var lines: [String: Int] = [:]

    /// Scans `text` once.
    init(text: String) {
        var table = ""
        var arrayCounts: [String: Int] = [:]
        var openMultiline: String?
        var arrayDepth = 0
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if let delimiter = openMultiline {
                if line.contains(delimiter) { openMultiline = nil }
                continue
            }
            if arrayDepth > 0 {
                // Inside a multi-line array value: a line starting with `[` is an element, not a header.
                arrayDepth += Self.bracketBalance(line)
                continue
            }
            if line.hasPrefix("[[") {
                let name = Self.normalizedKey(line.dropFirst(2).prefix { $0 != "]" })
                let index = arrayCounts[name, default: 0]
                arrayCounts[name] = index + 1
                table = "\(name)[\(index)]"
                record(name, lineNumber)
                record(table, lineNumber)
            } else if line.hasPrefix("[") {
                table = Self.normalizedKey(line.dropFirst().prefix { $0 != "]" })
                record(table, lineNumber)
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = Self.normalizedKey(line[..<equals])
                guard !key.isEmpty else { continue }
                let components = key.split(separator: ".").map(String.init)
                for count in 1...components.count {
                    let partial = components.prefix(count).joined(separator: ".")
                    record(table.isEmpty ? partial : "\(table).\(partial)", lineNumber)
                }
                let value = line[line.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
                for delimiter in ["\"\"\"", "'''"] where value.hasPrefix(delimiter) {
                    if !value.dropFirst(3).contains(delimiter) { openMultiline = delimiter }
                }
                if value.hasPrefix("[") { arrayDepth = max(0, Self.bracketBalance(value)) }
            }
        }
    }

    /// The line of `key`, or of the closest enclosing table or array element written in the text.
    func line(of key: String) -> Int? {
        var candidate = Substring(key)
        while !candidate.isEmpty {
            if let line = lines[String(candidate)] { return line }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            candidate = candidate[..<cut]
        }
        return nil
    }

    private mutating func record(_ key: String, _ line: Int) {
        if lines[key] == nil { lines[key] = line }
    }

    /// Opening minus closing brackets on a line, ignoring comments (brackets inside strings are rare enough to ignore).
    private static func bracketBalance(_ line: Substring) -> Int {
        line.prefix { $0 != "#" }.reduce(0) { $0 + ($1 == "[" ? 1 : $1 == "]" ? -1 : 0) }
    }

    /// `a . "b"` → `a.b`: drops whitespace and quotes (good enough for our bare-key schema).
    private static func normalizedKey(_ text: Substring) -> String {
        String(text.filter { $0 != " " && $0 != "\t" && $0 != "\"" && $0 != "'" })
    }
}
