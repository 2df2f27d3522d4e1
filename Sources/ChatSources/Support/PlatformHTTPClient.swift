import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SpeechCore

/// JSON over HTTP(S) to a platform's API (YouTube Data, Helix, OAuth token endpoints): one shared connection pool,
/// a deadline and a size cap on every call, and errors that name the call and carry the platform's own reason.
public struct PlatformHTTPClient: Sendable {
    /// The longest a call may take, connection included.
    public var timeout: Duration
    /// The largest response body read; a platform never sends more for the calls made here.
    public var maxResponseBytes: Int

    /// A client on AsyncHTTPClient's process-wide pool (nothing to shut down).
    public init(timeout: Duration = .seconds(20), maxResponseBytes: Int = 8 << 20) {
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// A response, whatever its status.
    struct Reply: Sendable {
        let status: Int
        let body: Data
        let call: String

        /// The body decoded as `T`, or ``PlatformHTTPError`` for a status other than 2xx or a body that is not a `T`.
        func decode<T: Decodable>(_ type: T.Type) throws(PlatformHTTPError) -> T {
            guard (200..<300).contains(status) else { throw PlatformHTTPError(call: call, status: status, body: body) }
            do {
                return try JSONDecoder.platform.decode(T.self, from: body)
            } catch {
                throw PlatformHTTPError(call: call, kind: .invalidResponse, reason: nil, message: "unexpected response: \(error)")
            }
        }
    }

    /// `GET url` with `headers`.
    func get(_ url: URL, headers: [(String, String)] = []) async throws(PlatformHTTPError) -> Reply {
        try await send(.GET, url, headers: headers, body: nil)
    }

    /// `POST url` with an `application/x-www-form-urlencoded` body (what OAuth token endpoints take).
    func postForm(_ url: URL, _ fields: [(String, String)], headers: [(String, String)] = []) async throws(PlatformHTTPError) -> Reply {
        var components = URLComponents()
        components.queryItems = fields.map { URLQueryItem(name: $0.0, value: $0.1) }
        // URLComponents leaves `+` alone, which a form body would read as a space.
        let form = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return try await send(.POST, url, headers: headers + [("Content-Type", "application/x-www-form-urlencoded")], body: Data(form.utf8))
    }

    /// `POST url` with a JSON body.
    func postJSON(_ url: URL, _ body: some Encodable, headers: [(String, String)] = []) async throws(PlatformHTTPError) -> Reply {
        let data: Data
        do {
            data = try JSONEncoder().encode(body)
        } catch {
            throw PlatformHTTPError(
                call: "POST \(url.redactedForLogs)",
                kind: .invalidResponse,
                reason: nil,
                message: "cannot encode the request: \(error)"
            )
        }
        return try await send(.POST, url, headers: headers + [("Content-Type", "application/json")], body: data)
    }

    /// `DELETE url`.
    func delete(_ url: URL, headers: [(String, String)] = []) async throws(PlatformHTTPError) -> Reply {
        try await send(.DELETE, url, headers: headers, body: nil)
    }

    private func send(_ method: HTTPMethod, _ url: URL, headers: [(String, String)], body: Data?) async throws(PlatformHTTPError) -> Reply {
        let call = "\(method.rawValue) \(url.redactedForLogs)"
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "ishowtts")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .nanoseconds(Int64(timeout.seconds * 1e9)))
            let buffer = try await response.body.collect(upTo: maxResponseBytes)
            return Reply(status: Int(response.status.code), body: Data(buffer.readableBytesView), call: call)
        } catch let error as NIOTooManyBytesError {
            throw PlatformHTTPError(
                call: call,
                kind: .invalidResponse,
                reason: nil,
                message: "response larger than \(maxResponseBytes) bytes: \(error)"
            )
        } catch {
            throw PlatformHTTPError(call: call, kind: .network, reason: nil, message: String(describing: error))
        }
    }
}

extension JSONDecoder {
    /// Platforms' JSON: snake_case keys stay as written (types spell them out), dates are ISO 8601 strings.
    static let platform: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = PlatformDate.parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
            }
            return date
        }
        return decoder
    }()
}

/// ISO 8601 timestamps as platforms write them, with or without fractional seconds, `Z` or `+00:00` (YouTube sends
/// microseconds and an offset, Twitch nanoseconds and `Z`).
enum PlatformDate {
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}

extension URL {
    /// The URL without its query, so keys and tokens in it never reach a log.
    var redactedForLogs: String {
        guard var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return "(url)" }
        components.query = nil
        return components.string ?? "(url)"
    }
}
