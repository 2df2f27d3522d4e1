import Foundation

/// A Twitch channel login, validated (`^[a-z0-9_]{1,25}$`), so nothing a caller sends can become an IRC command.
public struct TwitchChannel: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// The lowercase login, without `#`.
    public let name: String

    /// Accepts `name`, `#name`, or a `twitch.tv/name` URL (any case); `nil` for anything else.
    public init?(_ text: String) {
        var candidate = text.trimmingCharacters(in: .whitespaces).lowercased()
        for prefix in ["https://", "http://"] where candidate.hasPrefix(prefix) { candidate.removeFirst(prefix.count) }
        for host in ["www.twitch.tv/", "m.twitch.tv/", "twitch.tv/"] where candidate.hasPrefix(host) {
            candidate.removeFirst(host.count)
            candidate = String(candidate.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
        }
        if candidate.hasPrefix("#") { candidate.removeFirst() }
        guard (1...25).contains(candidate.count),
            candidate.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else { return nil }
        name = candidate
    }

    /// The rule a valid name follows, for error messages.
    public static let rule = "a Twitch login: 1 to 25 of a-z, 0-9 and _ (also accepted: #name or a twitch.tv URL)"

    public var description: String { name }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.name < rhs.name }
}
