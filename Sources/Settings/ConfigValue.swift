import Foundation
import TOMLKit

/// A configuration value tree, built from the TOML file and patched by environment overrides before decoding.
///
/// Keeping our own small Sendable tree (rather than TOMLKit's reference types or `[String: Any]`) lets the
/// environment overrides and the typed readers work on plain values.
enum ConfigValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    /// A TOML date, time or date-time, kept only as text: no key of ours takes one, so it exists to be reported.
    case dateTime(String)
    case array([ConfigValue])
    case table([String: ConfigValue])
    /// Text from an environment variable; its type is decided by the key that reads it.
    case unparsed(String)

    /// How the value reads in a "got …" message.
    var summary: String {
        switch self {
        case .string(let text): text.quoted
        case .integer(let value): "\(value)"
        case .double(let value): "\(value)"
        case .bool(let value): "\(value)"
        case .dateTime(let text): "the date/time \(text)"
        case .array: "an array"
        case .table: "a table"
        case .unparsed(let text): text.quoted
        }
    }
}

// MARK: TOML

extension ConfigValue {
    /// Converts a parsed TOML table into a tree.
    init(_ table: TOMLTable) {
        var entries: [String: ConfigValue] = [:]
        for (key, value) in table {
            entries[key] = ConfigValue(tomlValue: value)
        }
        self = .table(entries)
    }

    private init(tomlValue value: any TOMLValueConvertible) {
        switch value.type {
        case .table: self = value.table.map { ConfigValue($0) } ?? .table([:])
        case .array: self = .array(value.array.map { $0.map { ConfigValue(tomlValue: $0) } } ?? [])
        case .string: self = .string(value.string ?? "")
        case .int: self = value.int.map { .integer($0) } ?? .dateTime(value.debugDescription)
        case .double: self = value.double.map { .double($0) } ?? .dateTime(value.debugDescription)
        case .bool: self = value.bool.map { .bool($0) } ?? .dateTime(value.debugDescription)
        case .date, .time, .dateTime: self = .dateTime(value.debugDescription)
        }
    }
}

// MARK: JSON

extension ConfigValue: Decodable {
    /// Decodes a JSON value, as given for array and table keys in environment variables.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Order matters: a JSON `1` must become an integer, not a double, and `true` must not become a number.
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ConfigValue].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: ConfigValue].self) {
            self = .table(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "null is not a configuration value")
        }
    }

    /// Parses JSON text, or returns `nil` when it is not valid JSON.
    static func parseJSON(_ text: String) -> ConfigValue? {
        try? JSONDecoder().decode(ConfigValue.self, from: Data(text.utf8))
    }
}

// MARK: JSON objects

extension ConfigValue {
    /// The value as a JSON-serializable object; environment text is read as JSON when it parses, else as a string.
    var jsonObject: Any {
        switch self {
        case .string(let text), .dateTime(let text): text
        case .integer(let value): value
        case .double(let value): value
        case .bool(let value): value
        case .array(let values): values.map(\.jsonObject)
        case .table(let entries): entries.mapValues(\.jsonObject)
        case .unparsed(let text): ConfigValue.parseJSON(text)?.jsonObject ?? text
        }
    }
}
