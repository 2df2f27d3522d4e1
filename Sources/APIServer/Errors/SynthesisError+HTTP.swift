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
            case .unavailable: .serviceUnavailable
            default: .internalServerError
            }
        return APIError(status, code: code.rawValue, message: message)
    }
}
