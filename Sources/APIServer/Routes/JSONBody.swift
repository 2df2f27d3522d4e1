import Foundation
import Hummingbird

/// Reads a JSON request body with the API's limits and error messages.
struct JSONBody {
    /// The largest body accepted, in bytes.
    let maxBytes: Int
    /// How long the whole body may take to arrive (a client that sends half a body and stalls is cut off).
    var timeout: Duration = .seconds(60)

    /// Decodes the body as `T`: 415 unless the content type is JSON, 413 past `maxBytes`, 400 for bad JSON.
    func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: try await data(from: request))
        } catch let error as DecodingError {
            throw APIError.malformedBody(Self.describe(error), field: Self.field(of: error))
        }
    }

    /// The body's bytes: 415 unless the content type is JSON, 413 past `maxBytes`.
    func data(from request: Request) async throws -> Data {
        let contentType = request.headers[.contentType]
        guard let contentType, MediaType(from: contentType)?.isType(.applicationJson) == true else {
            throw APIError.unsupportedMediaType(expected: "application/json", got: contentType)
        }
        return Data(try await Self.collect(request, upTo: maxBytes, within: timeout).readableBytesView)
    }

    /// The whole body: 413 past `maxBytes` (at once when `Content-Length` says so), 408 once `timeout` has passed
    /// without it (the client stalled mid-body).
    static func collect(_ request: Request, upTo maxBytes: Int, within timeout: Duration) async throws -> ByteBuffer {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBytes { throw tooLarge(maxBytes) }
        do {
            return try await collectInTime(request, upTo: maxBytes, within: timeout)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw tooLarge(maxBytes)
        }
    }

    private static func collectInTime(_ request: Request, upTo maxBytes: Int, within timeout: Duration) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                var request = request
                return try await request.collectBody(upTo: maxBytes)
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else {
                throw APIError(.requestTimeout, code: "request_timeout", message: "the request body did not arrive within \(timeout)")
            }
            return buffer
        }
    }

    private static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "payload_too_large", message: "request body is larger than \(limit) bytes")
    }

    /// A one-line reason naming the field, instead of Foundation's multi-line dump.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "body" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _):
            return "missing required field '\(key.stringValue)'"
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(Self.name(of: type))"
        case .valueNotFound(let type, let context):
            return "\(path(context)): expected \(Self.name(of: type)), got null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "body is not valid JSON" : "\(path(context)): invalid value"
        @unknown default:
            return "body is not valid JSON"
        }
    }

    /// The top-level field a decoding error is about, if any.
    static func field(of error: DecodingError) -> String? {
        switch error {
        case .keyNotFound(let key, let context): (context.codingPath.first ?? key).stringValue
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            context.codingPath.first?.stringValue
        @unknown default: nil
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is UInt64.Type: "an integer"
        case is Double.Type: "a number"
        default: "\(type)"
        }
    }
}
