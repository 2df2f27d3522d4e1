import Hummingbird
import SpeechCore
import Testing
@testable import APIServer

@Suite struct ErrorMappingTests {
    @Test(arguments: [
        (SynthesisError.emptyText(), HTTPResponse.Status.badRequest),
        (.textTooLong(count: 600, limit: 500), .contentTooLarge),
        (.unknownVoice("x"), .notFound),
        (.invalidOption("speed", "too fast"), .badRequest),
        (SynthesisError(.unavailable, "worker down"), .serviceUnavailable),
        (SynthesisError(.engineFailure, "boom"), .internalServerError),
        (SynthesisError(.modelLoadFailed, "missing"), .internalServerError),
    ])
    func synthesisErrorsMapToStatuses(_ error: SynthesisError, _ status: HTTPResponse.Status) {
        #expect(error.apiError.status == status)
        #expect(error.apiError.code == error.code.rawValue)
        #expect(error.apiError.message == error.message)
    }

    @Test(arguments: [
        (HTTPResponse.Status.notFound, "not_found"),
        (.contentTooLarge, "payload_too_large"),
        (.unsupportedMediaType, "unsupported_media_type"),
        (.methodNotAllowed, "method_not_allowed"),
    ])
    func hummingbirdStatusesGetSnakeCaseCodes(_ status: HTTPResponse.Status, _ code: String) {
        #expect(JSONErrorMiddleware<BasicRequestContext>.code(for: status) == code)
    }
}
