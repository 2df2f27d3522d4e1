public import Foundation

extension GatewayRules {
    /// These rules with the fields present in `overrides` (a JSON object of some fields) replaced, then validated.
    ///
    /// The one way rules change, for the `[gateway]` table of the configuration file and for
    /// `PUT /api/gateway/settings` alike: unknown fields, wrong types and out-of-range values throw, naming the field.
    public func merging(_ overrides: Data) throws(GatewayRulesError) -> GatewayRules {
        guard let object = try? JSONSerialization.jsonObject(with: overrides), let fields = object as? [String: Any] else {
            throw GatewayRulesError(field: "(body)", problem: "expected a JSON object of settings")
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw GatewayRulesError(field: unknown, problem: "unknown setting (known: \(known.sorted().joined(separator: ", ")))")
        }
        var merged = encodedFields()
        for (key, value) in fields { merged[key] = value }
        let rules: GatewayRules
        do {
            let data = try JSONSerialization.data(withJSONObject: merged)
            rules = try JSONDecoder().decode(GatewayRules.self, from: data)
        } catch let error as DecodingError {
            throw GatewayRulesError(field: error.fieldName ?? "(body)", problem: error.problem)
        } catch {
            throw GatewayRulesError(field: "(body)", problem: "\(error)")
        }
        try rules.validate()
        return rules
    }

    /// The names of the fields whose values differ from `other`'s.
    public func fieldsDiffering(from other: GatewayRules) -> Set<String> {
        let mine = encodedFields()
        let theirs = other.encodedFields()
        func canonical(_ value: Any?) -> Data? {
            try? JSONSerialization.data(withJSONObject: [value ?? NSNull()], options: [.sortedKeys])
        }
        return Set(CodingKeys.allCases.map(\.rawValue).filter { canonical(mine[$0]) != canonical(theirs[$0]) })
    }

    /// Every field as a JSON value, by name.
    func encodedFields() -> [String: Any] {
        guard let data = try? JSONEncoder().encode(self), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return [:]
        }
        return object
    }
}

extension DecodingError {
    fileprivate var fieldName: String? {
        let path: [any CodingKey]
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        @unknown default: return nil
        }
        return path.first?.stringValue
    }

    fileprivate var problem: String {
        switch self {
        case .typeMismatch(let type, _):
            "expected \(type == String.self ? "a string" : type == Bool.self ? "true or false" : "a value of type \(type)")"
        case .valueNotFound: "must not be null"
        case .keyNotFound: "is required"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "invalid value"
        }
    }
}
