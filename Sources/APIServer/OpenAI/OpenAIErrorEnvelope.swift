import Hummingbird

/// OpenAI's error body, `{"error": {"message", "type", "param", "code"}}`, which its client libraries parse.
struct OpenAIErrorEnvelope: Encodable {
    /// Routes under this prefix answer errors in this shape.
    static let pathPrefix = "/v1/"

    struct Detail: Encodable {
        let message: String
        let type: String
        let param: String?
        let code: String

        /// `param` is written even when null, as OpenAI does.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(message, forKey: .message)
            try container.encode(type, forKey: .type)
            try container.encode(param, forKey: .param)
            try container.encode(code, forKey: .code)
        }

        enum CodingKeys: String, CodingKey { case message, type, param, code }
    }
    let error: Detail

    /// The API's own field names as OpenAI's request spells them.
    static let parameterNames = ["text": "input", "voice_id": "voice"]

    init(_ error: APIError) {
        let param = error.field.map { Self.parameterNames[$0] ?? $0 }
        self.error = Detail(message: error.message, type: Self.type(for: error.status), param: param, code: error.code)
    }

    /// OpenAI's error types by status.
    static func type(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 401: "authentication_error"
        case 403: "permission_error"
        case 429: "rate_limit_error"
        case 400..<500: "invalid_request_error"
        default: "server_error"
        }
    }
}
