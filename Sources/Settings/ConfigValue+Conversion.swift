/// Typed reads of one value; `key` is the dotted path used in messages.
///
/// Text from the environment (`.unparsed`) is parsed as whatever the key expects, and TOML integers are accepted
/// where a number is expected (`noise_w = 1`), so users need not write `1.0`.
extension ConfigValue {
    /// An integer.
    func integer(at key: String) throws(ConfigurationError) -> Int {
        switch self {
        case .integer(let value): return value
        case .unparsed(let text):
            if let value = Int(text.trimmingWhitespace) { return value }
        default: break
        }
        throw .typeMismatch(key, expected: "an integer", got: self)
    }

    /// A number (integer or floating point).
    func double(at key: String) throws(ConfigurationError) -> Double {
        switch self {
        case .double(let value): return value
        case .integer(let value): return Double(value)
        case .unparsed(let text):
            if let value = Double(text.trimmingWhitespace) { return value }
        default: break
        }
        throw .typeMismatch(key, expected: "a number", got: self)
    }

    /// A boolean; environment text may be `true`/`false`, `1`/`0`, `yes`/`no` or `on`/`off`, in any case.
    func bool(at key: String) throws(ConfigurationError) -> Bool {
        switch self {
        case .bool(let value): return value
        case .unparsed(let text):
            switch text.trimmingWhitespace.lowercased() {
            case "true", "1", "yes", "on": return true
            case "false", "0", "no", "off": return false
            default: break
            }
        default: break
        }
        throw .typeMismatch(key, expected: "a boolean", got: self)
    }

    /// A string; environment text is taken as is.
    func string(at key: String) throws(ConfigurationError) -> String {
        switch self {
        case .string(let value), .unparsed(let value): return value
        default: throw .typeMismatch(key, expected: "a string", got: self)
        }
    }

    /// An array; environment text must be a JSON array.
    func array(at key: String) throws(ConfigurationError) -> [ConfigValue] {
        switch self {
        case .array(let values): return values
        case .unparsed(let text):
            if case .array(let values)? = ConfigValue.parseJSON(text) { return values }
            throw .typeMismatch(key, expected: "a JSON array", got: self)
        default: throw .typeMismatch(key, expected: "an array", got: self)
        }
    }

    /// A table; environment text must be a JSON object.
    func table(at key: String) throws(ConfigurationError) -> [String: ConfigValue] {
        switch self {
        case .table(let entries): return entries
        case .unparsed(let text):
            if case .table(let entries)? = ConfigValue.parseJSON(text) { return entries }
            throw .typeMismatch(key, expected: "a JSON object", got: self)
        default: throw .typeMismatch(key, expected: "a table", got: self)
        }
    }

    /// Whether this is an empty environment value, which unsets an optional key.
    var isEmptyOverride: Bool {
        if case .unparsed(let text) = self { text.trimmingWhitespace.isEmpty } else { false }
    }
}

extension String {
    /// The text without leading and trailing whitespace, as environment values often carry a stray newline.
    fileprivate var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
