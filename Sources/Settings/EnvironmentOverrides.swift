/// The `ISHOWTTS__SECTION__KEY=value` environment variables, applied to the value tree before decoding.
///
/// Names are matched case-insensitively (`ISHOWTTS__PIPER__MAX_PARALLEL` sets `piper.max_parallel`). Values stay text
/// until the key that reads them decides their type, so one mechanism covers integers, numbers, booleans, strings,
/// and JSON for arrays and tables. An override naming an unknown key is reported like an unknown key in the file.
struct EnvironmentOverrides: Sendable {
    /// The prefix every override starts with; `__` separates the section and key names after it.
    static let prefix = "ISHOWTTS__"

    /// One override.
    struct Override: Sendable, Equatable {
        /// The variable's name, as the user wrote it, for messages.
        var variable: String
        /// Lowercased key path, e.g. `["api", "max_parallel"]`.
        var path: [String]
        /// The raw value.
        var value: String

        /// `piper.max_parallel`.
        var dottedPath: String { path.joined(separator: ".") }
    }

    /// The overrides found, sorted by variable name so they apply in a stable order.
    let overrides: [Override]

    /// Picks the overrides out of `environment`, ignoring every variable without the prefix.
    init(environment: [String: String]) throws(ConfigurationError) {
        var overrides: [Override] = []
        var seen: [String: String] = [:]
        for (variable, value) in environment.sorted(by: { $0.key < $1.key }) {
            guard variable.uppercased().hasPrefix(Self.prefix) else { continue }
            let path = variable.dropFirst(Self.prefix.count).lowercased()
                .split(separator: "__", omittingEmptySubsequences: false).map(String.init)
            guard !path.contains(where: \.isEmpty) else {
                throw ConfigurationError(
                    source: .environment(variable: variable),
                    problem: "malformed override name: expected \(Self.prefix)KEY or \(Self.prefix)SECTION__KEY"
                )
            }
            let override = Override(variable: variable, path: path, value: value)
            if let other = seen[override.dottedPath] {
                throw ConfigurationError(
                    source: .environment(variable: variable),
                    key: override.dottedPath,
                    problem: "also set by \(other)"
                )
            }
            seen[override.dottedPath] = variable
            overrides.append(override)
        }
        self.overrides = overrides
    }

    /// Writes every override into `tree`, creating tables on the way and replacing what the file said.
    func apply(to tree: inout ConfigValue) throws(ConfigurationError) {
        for override in overrides {
            try Self.set(.unparsed(override.value), at: override.path[...], in: &tree, walked: [], override: override)
        }
    }

    /// The variable that set `key` or a table or array containing it (or, for a table, a key inside it).
    func variable(forKey key: String) -> String? {
        overrides.last { override in
            let path = override.dottedPath
            return key == path || key.hasPrefix(path + ".") || key.hasPrefix(path + "[") || path.hasPrefix(key + ".")
        }?.variable
    }

    private static func set(
        _ value: ConfigValue,
        at path: ArraySlice<String>,
        in node: inout ConfigValue,
        walked: [String],
        override: Override
    ) throws(ConfigurationError) {
        guard case .table(var entries) = node else {
            throw ConfigurationError(
                source: .environment(variable: override.variable),
                key: override.dottedPath,
                problem: "cannot be set because \(walked.joined(separator: ".")) is not a table"
            )
        }
        guard let key = path.first else { return }
        if path.count == 1 {
            entries[key] = value
        } else {
            var child = entries[key] ?? .table([:])
            try set(value, at: path.dropFirst(), in: &child, walked: walked + [key], override: override)
            entries[key] = child
        }
        node = .table(entries)
    }
}
