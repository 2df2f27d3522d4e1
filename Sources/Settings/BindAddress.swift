/// The host and port the HTTP server listens on, written `host:port` (`[::1]:8080` for IPv6).
public struct BindAddress: Sendable, Equatable, CustomStringConvertible, LosslessStringConvertible {
    /// Host name or IP address, without brackets (`0.0.0.0`, `localhost`, `::1`).
    public var host: String
    /// TCP port, 0...65535 (0 asks the system for a free port, as tests do).
    public var port: Int

    /// Creates an address from its parts.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port` or `[ipv6]:port`; `nil` when malformed (use ``parse(_:)`` for the reason).
    public init?(_ description: String) {
        guard case .success(let address) = Self.parse(description) else { return nil }
        self = address
    }

    /// `host:port`, bracketing IPv6 hosts so the text parses back.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Why a bind address did not parse.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The reason, e.g. `port 70000 is out of range 0...65535`.
        public var description: String
    }

    /// Parses `host:port` or `[ipv6]:port`, explaining what is wrong when it does not parse.
    public static func parse(_ text: String) -> Result<BindAddress, ParseError> {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                return .failure(ParseError(description: "missing \"]\" after the IPv6 address"))
            }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else {
                return .failure(ParseError(description: "expected \":port\" after \"]\""))
            }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                return .failure(ParseError(description: "expected \"host:port\""))
            }
            host = text[..<colon]
            // An unbracketed IPv6 address would make the port ambiguous (`::1:8080`).
            guard !host.contains(":") else {
                return .failure(ParseError(description: "write IPv6 addresses in brackets, e.g. \"[::1]:8080\""))
            }
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "[" || $0 == "]" || $0 == "/" }) else {
            return .failure(ParseError(description: "invalid host \(String(host).quoted)"))
        }
        guard !portText.isEmpty, portText.allSatisfy(\.isASCII), let port = Int(portText) else {
            return .failure(ParseError(description: "invalid port \(String(portText).quoted)"))
        }
        guard (0...65535).contains(port) else {
            return .failure(ParseError(description: "port \(port) is out of range 0...65535"))
        }
        return .success(BindAddress(host: String(host), port: port))
    }
}
