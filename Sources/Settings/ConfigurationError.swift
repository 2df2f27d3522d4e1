/// A configuration problem, reported as one line that names the key and where its value came from.
///
/// The CLI prints ``description`` and exits with status 2. Examples:
/// ```
/// config/ishowtts.toml:4:15: TOML syntax error: expected a value
/// config/ishowtts.toml:7: piper.max_parallel: expected an integer, got "lots"
/// config/ishowtts.toml:9: piper.num_thread: unknown key (did you mean num_threads?)
/// config/ishowtts.toml:3: api.max_parallel: this key has moved: use piper.max_parallel and f5.max_parallel (…)
/// ISHOWTTS__PIPER__MAX_PARALLEL: piper.max_parallel: 0 is out of range 1...64
/// default_voice: "bob" names no configured voice (configured: joe)
/// ```
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where an offending value came from.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// The TOML file; `line` (and `column`) where known: TOMLKit reports positions only for syntax errors,
        /// other lines are found by scanning the file for the key.
        case file(path: String, line: Int?, column: Int?)
        /// An `ISHOWTTS__…` environment variable.
        case environment(variable: String)

        /// `path:line:column`, `path:line`, `path`, or the variable name.
        public var description: String {
            switch self {
            case .file(let path, let line?, let column?): "\(path):\(line):\(column)"
            case .file(let path, let line?, nil): "\(path):\(line)"
            case .file(let path, nil, _): path
            case .environment(let variable): variable
            }
        }
    }

    /// Where the value came from; `nil` for a built-in default or a problem no single source owns.
    public var source: Source?
    /// Dotted path of the key, e.g. `piper.max_parallel` or `piper.voices[1].id`; `nil` for file-level problems.
    public var key: String?
    /// What is wrong, without the source and key.
    public var problem: String

    /// Creates an error; loading fills in `source` for errors raised while decoding.
    public init(source: Source? = nil, key: String? = nil, problem: String) {
        self.source = source
        self.key = key
        self.problem = problem
    }

    /// `source: key: problem`, leaving out what is unknown.
    public var description: String {
        [source?.description, key, problem].compactMap { $0 }.joined(separator: ": ")
    }
}

extension ConfigurationError {
    /// A value of the wrong type.
    static func typeMismatch(_ key: String, expected: String, got value: ConfigValue) -> Self {
        Self(key: key, problem: "expected \(expected), got \(value.summary)")
    }

    /// A value outside its allowed range.
    static func outOfRange<Bound: Comparable>(_ key: String, _ value: Bound, _ range: ClosedRange<Bound>) -> Self {
        Self(key: key, problem: "\(value) is out of range \(range.lowerBound)...\(range.upperBound)")
    }

    /// A key nothing reads: almost always a typo.
    static func unknownKey(_ key: String, suggestion: String?) -> Self {
        Self(key: key, problem: "unknown key" + (suggestion.map { " (did you mean \($0)?)" } ?? ""))
    }

    /// A required key that is absent.
    static func missing(_ key: String, hint: String? = nil) -> Self {
        Self(key: key, problem: "required key is missing" + (hint.map { ": \($0)" } ?? ""))
    }
}

extension String {
    /// The string in double quotes with `"`, `\` and control characters escaped, for messages.
    ///
    /// Not `debugDescription`: TOMLKit declares its own `String.debugDescription` (the bare string), which wins in
    /// files that import TOMLKit.
    var quoted: String {
        var result = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.properties.generalCategory == .control {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
