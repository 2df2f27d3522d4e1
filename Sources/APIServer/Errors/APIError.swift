import Foundation
public import Hummingbird

/// An error the API reports to its client as `{"error": {"code": …, "message": …}}` with an HTTP status.
public struct APIError: Error, HTTPResponseError, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status of the response.
    public let status: HTTPResponse.Status
    /// A stable, machine-readable code such as `text_too_long`.
    public let code: String
    /// A sentence for a person.
    public let message: String
    /// Extra response headers (e.g. `Retry-After`).
    public let headers: HTTPFields
    /// The request field at fault, when one is (`max_characters`).
    public let field: String?

    /// Creates an error response.
    public init(_ status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:], field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
        self.field = field
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    /// The error in the shape its route family speaks: OpenAI's under `/v1/`, the API's own everywhere else.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body =
            request.uri.path.hasPrefix(OpenAIErrorEnvelope.pathPrefix)
            ? try JSONEncoder().encode(OpenAIErrorEnvelope(self))
            : try JSONEncoder().encode(ErrorEnvelope(error: .init(code: code, message: message, field: field)))
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// The JSON shape of every error body.
struct ErrorEnvelope: Codable, Equatable {
    struct Detail: Codable, Equatable {
        let code: String
        let message: String
        var field: String? = nil
    }
    let error: Detail
}

extension APIError {
    /// The request body is not valid JSON or has a wrong field.
    static func malformedBody(_ message: String, field: String? = nil) -> Self {
        Self(.badRequest, code: "malformed_json", message: message, field: field)
    }
    /// The body is not of the media type the route reads.
    static func unsupportedMediaType(expected: String, got: String?) -> Self {
        Self(.unsupportedMediaType, code: "unsupported_media_type", message: "Content-Type must be \(expected), got \(got ?? "none")")
    }
}
