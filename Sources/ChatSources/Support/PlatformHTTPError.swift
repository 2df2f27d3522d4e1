import Foundation

/// A platform API call that failed: which call, how, and the platform's own reason code when it gave one.
public struct PlatformHTTPError: Error, Sendable, CustomStringConvertible {
    /// How the call failed.
    public enum Kind: Sendable, Equatable {
        /// No answer: connection refused, reset, timed out.
        case network
        /// An answer with this HTTP status.
        case status(Int)
        /// An answer that was not what the API documents.
        case invalidResponse
    }

    /// The method and URL (without its query).
    public let call: String
    /// How it failed.
    public let kind: Kind
    /// The platform's reason: Google's `errors[0].reason` (`quotaExceeded`, `liveChatEnded`), OAuth's `error`
    /// (`authorization_pending`), or Twitch's `message`.
    public let reason: String?
    /// A sentence for a person.
    public let message: String

    init(call: String, kind: Kind, reason: String?, message: String) {
        self.call = call
        self.kind = kind
        self.reason = reason
        self.message = message
    }

    /// An error from a non-2xx answer, reading the reason from any of the error shapes the platforms use.
    init(call: String, status: Int, body: Data) {
        let parsed = try? JSONDecoder().decode(ErrorBody.self, from: body)
        self.init(
            call: call,
            kind: .status(status),
            reason: parsed?.reason,
            message: parsed?.message ?? String(decoding: body.prefix(200), as: UTF8.self)
        )
    }

    /// The HTTP status, when there was an answer.
    public var status: Int? {
        if case .status(let status) = kind { status } else { nil }
    }

    public var description: String {
        switch kind {
        case .network: "\(call): \(message)"
        case .status(let status): "\(call): HTTP \(status)\(reason.map { " (\($0))" } ?? ""): \(message)"
        case .invalidResponse: "\(call): \(message)"
        }
    }

    /// `{"error": {"code", "message", "errors": [{"reason"}]}}` (Google), `{"error": "…", "error_description"}` (OAuth),
    /// `{"status", "message"}` (Twitch).
    private struct ErrorBody: Decodable {
        let reason: String?
        let message: String?

        private struct GoogleError: Decodable {
            struct Item: Decodable { let reason: String? }
            let message: String?
            let errors: [Item]?
        }

        private enum Keys: String, CodingKey {
            case error, message
            case errorDescription = "error_description"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            if let google = try? container.decode(GoogleError.self, forKey: .error) {
                reason = google.errors?.first?.reason
                message = google.message
            } else if let code = try? container.decode(String.self, forKey: .error) {
                reason = code
                message = (try? container.decode(String.self, forKey: .errorDescription)) ?? code
            } else {
                let text = try? container.decode(String.self, forKey: .message)
                reason = text
                message = text
            }
        }
    }
}
