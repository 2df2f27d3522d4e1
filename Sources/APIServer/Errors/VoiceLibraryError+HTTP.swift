import Hummingbird
public import Speech

extension VoiceLibraryError {
    /// The API error a client sees for this refusal.
    public var apiError: APIError {
        let status: HTTPResponse.Status =
            switch kind {
            case .invalidField: .badRequest
            case .unsupportedAudio: .unsupportedMediaType
            case .unusableClip, .transcriptRequired, .engineCannotClone: .unprocessableContent
            case .conflict: .conflict
            case .notFound: .notFound
            case .unavailable: .serviceUnavailable
            case .storage: .internalServerError
            }
        return APIError(status, code: kind.rawValue, message: message, field: field)
    }
}
