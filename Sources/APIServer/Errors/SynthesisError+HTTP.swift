import Hummingbird
public import SpeechCore

extension SynthesisError {
    /// The API error a client sees for this synthesis failure.
    public var apiError: APIError {
        let status: HTTPResponse.Status =
            switch code {
            case .emptyText, .invalidOption: .badRequest
            case .textTooLong: .contentTooLarge
            case .unknownVoice: .notFound
            case .unavailable, .busy: .serviceUnavailable
            default: .internalServerError
            }
        // A full waiting line drains within seconds; tell clients when to come back.
        let headers: HTTPFields = code == .busy ? [.retryAfter: "1"] : [:]
        return APIError(status, code: code.rawValue, message: message, headers: headers, field: field)
    }
}
