import Foundation

/// What a ``ConfigTableReader`` needs besides the values: where relative paths resolve and who set each key.
struct ConfigurationContext: Sendable {
    /// Absolute directory of the TOML file, or `nil` when there is none.
    var fileDirectory: String?
    /// Absolute current directory, for defaults and environment values.
    var currentDirectory: String
    /// The environment overrides that were applied.
    var overrides: EnvironmentOverrides
    /// Collects every key path the readers ask for, when set (the example-file test uses it).
    var keyLog: ConfigurationKeyLog?

    /// Makes `path` absolute: values written in the file resolve against its directory; built-in defaults and
    /// environment values against the current directory, where the user started the server.
    func resolve(_ path: String, key: String, isDefault: Bool) -> String {
        let fromFile = !isDefault && overrides.variable(forKey: key) == nil
        let base = fromFile ? (fileDirectory ?? currentDirectory) : currentDirectory
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: base, isDirectory: true))
        return url.standardizedFileURL.path
    }
}

/// Reads the keys of one table with their types, defaults and ranges, then reports any key nobody read.
///
/// Each read marks its key as known, so ``finish()`` catches typos without a separate schema to keep in sync.
struct ConfigTableReader {
    /// Dotted path of this table (`""` for the root, `api`, `piper.voices[0]`).
    let path: String
    /// Loading context shared by every reader.
    let context: ConfigurationContext
    private let entries: [String: ConfigValue]
    private var knownKeys: [String] = []

    /// Reads `value`, which must be a table (or a JSON object from the environment).
    init(_ value: ConfigValue, path: String, context: ConfigurationContext) throws(ConfigurationError) {
        self.entries = try value.table(at: path)
        self.path = path
        self.context = context
    }

    /// The dotted path of `key` in this table.
    func keyPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The raw value of `key`, marking the key as known; `nil` when absent or emptied by the environment.
    mutating func value(_ key: String) -> ConfigValue? {
        knownKeys.append(key)
        context.keyLog?.record(keyPath(key))
        guard let value = entries[key], !value.isEmptyOverride else { return nil }
        return value
    }

    /// Throws for a key that was moved elsewhere, saying where, instead of calling it unknown.
    mutating func moved(_ key: String, to replacement: String) throws(ConfigurationError) {
        knownKeys.append(key)
        guard entries[key] != nil else { return }
        throw ConfigurationError(key: keyPath(key), problem: "this key has moved: use \(replacement)")
    }

    /// Whether a key that no longer does anything is present; it is accepted (old files keep working), and the
    /// caller records a notice saying so.
    mutating func retired(_ key: String) -> Bool {
        knownKeys.append(key)
        return entries[key] != nil
    }

    // MARK: Typed reads

    /// An integer within `range`, or `defaultValue` when absent.
    mutating func integer(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        try optionalInteger(key, in: range) ?? defaultValue
    }

    /// An integer within `range`, or `nil` when absent.
    mutating func optionalInteger(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let value = value(key) else { return nil }
        let number = try value.integer(at: keyPath(key))
        guard range.contains(number) else {
            if range.upperBound == .max {
                throw ConfigurationError(key: keyPath(key), problem: "\(number) is out of range: must be at least \(range.lowerBound)")
            }
            throw .outOfRange(keyPath(key), number, range)
        }
        return number
    }

    /// `true` or `false`, or `defaultValue` when absent.
    mutating func bool(_ key: String, default defaultValue: Bool) throws(ConfigurationError) -> Bool {
        guard let value = value(key) else { return defaultValue }
        return try value.bool(at: keyPath(key))
    }

    /// The required `id` of a voice table: valid as an id (`PiperVoiceEntry.isValidID`) and not in `seen`,
    /// which maps ids to the index they were first seen at; `section` names the list in messages (`piper.voices`).
    mutating func voiceID(in section: String, index: Int, seen: inout [String: Int]) throws(ConfigurationError) -> String {
        let id = try requiredString("id")
        guard PiperVoiceEntry.isValidID(id) else {
            throw ConfigurationError(
                key: keyPath("id"),
                problem: "invalid voice id \(id.quoted): use only letters, digits, \"_\", \".\" and \"-\""
            )
        }
        if let first = seen[id] {
            throw ConfigurationError(key: keyPath("id"), problem: "duplicate voice id \(id.quoted) (also \(section)[\(first)].id)")
        }
        seen[id] = index
        return id
    }

    /// A number within `range`, or `nil` when absent.
    mutating func optionalDouble(_ key: String, in range: ClosedRange<Double>) throws(ConfigurationError) -> Double? {
        guard let value = value(key) else { return nil }
        let number = try value.double(at: keyPath(key))
        guard range.contains(number) else { throw .outOfRange(keyPath(key), number, range) }
        return number
    }

    /// A non-empty string, or `nil` when absent.
    mutating func optionalString(_ key: String) throws(ConfigurationError) -> String? {
        guard let value = value(key) else { return nil }
        let text = try value.string(at: keyPath(key))
        guard !text.isEmpty else { throw ConfigurationError(key: keyPath(key), problem: "must not be empty") }
        return text
    }

    /// A non-empty string, or `defaultValue` when absent.
    mutating func string(_ key: String, default defaultValue: String) throws(ConfigurationError) -> String {
        try optionalString(key) ?? defaultValue
    }

    /// An absolute `http`, `https` or `wss`/`ws` address (also `file:///…` when `allowingFiles`), or `defaultValue`
    /// when absent (platform endpoints and catalogs, which tests point at local servers).
    mutating func endpoint(_ key: String, default defaultValue: String, allowingFiles: Bool = false) throws(ConfigurationError) -> String {
        let text = try string(key, default: defaultValue)
        let url = URL(string: text)
        let scheme = url?.scheme?.lowercased() ?? ""
        if allowingFiles, scheme == "file", url?.path.hasPrefix("/") == true { return text }
        guard ["http", "https", "ws", "wss"].contains(scheme), url?.host?.isEmpty == false else {
            let kinds = allowingFiles ? "an http(s) or file:// address" : "an http(s) or ws(s) address"
            throw ConfigurationError(key: keyPath(key), problem: "\(text.quoted) is not \(kinds)")
        }
        return text
    }

    /// A non-empty string that must be present.
    mutating func requiredString(_ key: String) throws(ConfigurationError) -> String {
        guard let text = try optionalString(key) else { throw .missing(keyPath(key)) }
        return text
    }

    /// An array of non-empty strings, or `defaultValue` when absent.
    mutating func stringArray(_ key: String, default defaultValue: [String]) throws(ConfigurationError) -> [String] {
        guard let value = value(key) else { return defaultValue }
        var strings: [String] = []
        for (index, element) in try value.array(at: keyPath(key)).enumerated() {
            let text = try element.string(at: "\(keyPath(key))[\(index)]")
            guard !text.isEmpty else { throw ConfigurationError(key: "\(keyPath(key))[\(index)]", problem: "must not be empty") }
            strings.append(text)
        }
        return strings
    }

    /// A non-empty array of non-empty strings, or `nil` when absent.
    mutating func optionalStringArray(_ key: String, nonEmpty: Bool) throws(ConfigurationError) -> [String]? {
        guard value(key) != nil else { return nil }
        let strings = try stringArray(key, default: [])
        if nonEmpty, strings.isEmpty { throw ConfigurationError(key: keyPath(key), problem: "must name at least one") }
        return strings
    }

    /// A table of non-empty strings (`{ alloy = "joe" }`), or `[:]` when absent.
    mutating func stringTable(_ key: String) throws(ConfigurationError) -> [String: String] {
        guard let value = value(key) else { return [:] }
        var strings: [String: String] = [:]
        for (name, element) in try value.table(at: keyPath(key)) {
            let text = try element.string(at: "\(keyPath(key)).\(name)")
            guard !text.isEmpty else { throw ConfigurationError(key: "\(keyPath(key)).\(name)", problem: "must not be empty") }
            strings[name] = text
        }
        return strings
    }

    /// The table `key` as a JSON object for another module to read (its keys are that module's to check), or `nil`.
    mutating func passThroughJSON(_ key: String) throws(ConfigurationError) -> Data? {
        guard let value = value(key) else { return nil }
        let table = try value.table(at: keyPath(key))
        do {
            return try JSONSerialization.data(withJSONObject: table.mapValues(\.jsonObject), options: [.sortedKeys])
        } catch {
            throw ConfigurationError(key: keyPath(key), problem: "cannot be passed on as JSON: \(error)")
        }
    }

    /// A path made absolute (see ``ConfigurationContext/resolve(_:key:isDefault:)``), or `nil` when absent.
    mutating func optionalPath(_ key: String) throws(ConfigurationError) -> String? {
        try optionalString(key).map { context.resolve($0, key: keyPath(key), isDefault: false) }
    }

    /// A path made absolute; `defaultValue` resolves against the current directory.
    mutating func path(_ key: String, default defaultValue: String) throws(ConfigurationError) -> String {
        try optionalPath(key) ?? context.resolve(defaultValue, key: keyPath(key), isDefault: true)
    }

    /// A path made absolute, which must be present.
    mutating func requiredPath(_ key: String) throws(ConfigurationError) -> String {
        guard let path = try optionalPath(key) else { throw .missing(keyPath(key)) }
        return path
    }

    /// The sub-table `key`, empty when absent so its keys keep their defaults.
    mutating func table(_ key: String) throws(ConfigurationError) -> ConfigTableReader {
        try ConfigTableReader(value(key) ?? .table([:]), path: keyPath(key), context: context)
    }

    /// The array of tables `key` (`[[key]]` in TOML), or `nil` when absent.
    mutating func tables(_ key: String) throws(ConfigurationError) -> [ConfigTableReader]? {
        guard let value = value(key) else { return nil }
        var readers: [ConfigTableReader] = []
        for (index, element) in try value.array(at: keyPath(key)).enumerated() {
            readers.append(try ConfigTableReader(element, path: "\(keyPath(key))[\(index)]", context: context))
        }
        return readers
    }

    // MARK: Unknown keys

    /// Throws for the first key (alphabetically) that no read asked for, suggesting the closest known key.
    func finish() throws(ConfigurationError) {
        guard let unknown = entries.keys.filter({ !knownKeys.contains($0) }).sorted().first else { return }
        let suggestion =
            knownKeys
            .map { (key: $0, distance: Self.editDistance(unknown.lowercased(), $0)) }
            .filter { $0.distance <= 2 }
            .min { $0.distance < $1.distance }?.key
        throw .unknownKey(keyPath(unknown), suggestion: suggestion)
    }

    /// Levenshtein distance, small inputs only.
    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for (i, charA) in a.enumerated() {
            var current = [i + 1]
            for (j, charB) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (charA == charB ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
