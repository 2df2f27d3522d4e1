/// One IRC line with IRCv3 tags: `@k=v;k2=v2 :prefix COMMAND param1 param2 :trailing`.
public struct IRCMessage: Sendable, Equatable {
    /// IRCv3 tags, values unescaped; a tag without `=` has the empty value.
    public var tags: [String: String]
    /// The source (`nick!user@host` or a server name), without the leading `:`.
    public var prefix: String?
    /// The command or numeric, uppercased (`PRIVMSG`, `001`).
    public var command: String
    /// The parameters; the trailing one (after ` :`) is the last, spaces included.
    public var parameters: [String]

    /// Creates a message.
    public init(tags: [String: String] = [:], prefix: String? = nil, command: String, parameters: [String] = []) {
        self.tags = tags
        self.prefix = prefix
        self.command = command
        self.parameters = parameters
    }

    /// The nick part of the prefix (`ronni` of `ronni!ronni@ronni.tmi.twitch.tv`).
    public var nick: String? {
        guard let prefix else { return nil }
        return prefix.split(separator: "!", maxSplits: 1).first.map(String.init)
    }

    /// Parses one line (without its CR LF); `nil` for a line with no command.
    public init?(parsing line: Substring) {
        var rest = line.drop { $0 == " " }
        var tags: [String: String] = [:]
        if rest.first == "@" {
            let end = rest.firstIndex(of: " ") ?? rest.endIndex
            for pair in rest[rest.index(after: rest.startIndex)..<end].split(separator: ";", omittingEmptySubsequences: true) {
                if let equals = pair.firstIndex(of: "=") {
                    tags[String(pair[..<equals])] = IRCTagValue.unescape(pair[pair.index(after: equals)...])
                } else {
                    tags[String(pair)] = ""
                }
            }
            rest = rest[end...].drop { $0 == " " }
        }
        var prefix: String?
        if rest.first == ":" {
            let end = rest.firstIndex(of: " ") ?? rest.endIndex
            prefix = String(rest[rest.index(after: rest.startIndex)..<end])
            rest = rest[end...].drop { $0 == " " }
        }
        let commandEnd = rest.firstIndex(of: " ") ?? rest.endIndex
        let command = rest[..<commandEnd]
        guard !command.isEmpty else { return nil }
        rest = rest[commandEnd...]
        var parameters: [String] = []
        while true {
            rest = rest.drop { $0 == " " }
            guard !rest.isEmpty else { break }
            if rest.first == ":" {
                parameters.append(String(rest.dropFirst()))
                break
            }
            let end = rest.firstIndex(of: " ") ?? rest.endIndex
            parameters.append(String(rest[..<end]))
            rest = rest[end...]
        }
        self.init(tags: tags, prefix: prefix, command: command.uppercased(), parameters: parameters)
    }
}

/// IRCv3 tag value escaping (`\:` `\s` `\\` `\r` `\n`).
public enum IRCTagValue {
    /// Turns an escaped tag value back into its text; an unknown escape keeps the character, a lone final `\` is dropped.
    public static func unescape(_ value: Substring) -> String {
        guard value.contains("\\") else { return String(value) }
        var result = ""
        result.reserveCapacity(value.utf8.count)
        var escaping = false
        for character in value {
            if escaping {
                switch character {
                case ":": result.append(";")
                case "s": result.append(" ")
                case "r": result.append("\r")
                case "n": result.append("\n")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Escapes `text` for use as a tag value (the inverse of ``unescape(_:)``).
    public static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case ";": result += "\\:"
            case " ": result += "\\s"
            case "\\": result += "\\\\"
            case "\r": result += "\\r"
            case "\n": result += "\\n"
            case "\r\n": result += "\\r\\n"
            default: result.append(character)
            }
        }
        return result
    }
}

/// Builds lines to send; refuses anything that could smuggle a second command (CR, LF, NUL) or break the syntax.
public enum IRCLine {
    /// Why a line was not built.
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        /// What was wrong.
        public let description: String
    }

    /// `COMMAND middle… :trailing` followed by CR LF; middle parameters may not contain spaces or start with `:`.
    public static func make(_ command: String, _ middle: [String] = [], trailing: String? = nil) throws(Invalid) -> String {
        guard !command.isEmpty, command.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw Invalid(description: "invalid IRC command \(command.debugDescription)")
        }
        var line = command
        for parameter in middle {
            guard !parameter.isEmpty, !parameter.hasPrefix(":"), !parameter.contains(where: Self.isForbiddenInMiddle) else {
                throw Invalid(description: "invalid IRC parameter \(parameter.debugDescription)")
            }
            line += " " + parameter
        }
        if let trailing {
            guard !trailing.contains(where: Self.isLineBreakOrNull) else {
                throw Invalid(description: "an IRC parameter may not contain a line break")
            }
            line += " :" + trailing
        }
        return line + "\r\n"
    }

    private static func isLineBreakOrNull(_ character: Character) -> Bool {
        character.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }

    private static func isForbiddenInMiddle(_ character: Character) -> Bool {
        isLineBreakOrNull(character) || character == " "
    }
}
