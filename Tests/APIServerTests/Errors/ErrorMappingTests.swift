import Hummingbird
import SpeechCore
import Testing

@testable import APIServer

@Suite struct ErrorMappingTests {
    struct Case: Sendable {
        let error: SynthesisError
        let status: HTTPResponse.Status
        let code: String
        let retryAfter: String?
    }

    /// The documented table (README "HTTP API"), written out: status, code and `Retry-After` per domain error.
    @Test(arguments: [
        Case(error: .emptyText(), status: .badRequest, code: "empty_text", retryAfter: nil),
        Case(error: .textTooLong(count: 600, limit: 500), status: .contentTooLarge, code: "text_too_long", retryAfter: nil),
        Case(error: .unknownVoice("x"), status: .notFound, code: "unknown_voice", retryAfter: nil),
        Case(error: .invalidOption("speed", "too fast"), status: .badRequest, code: "invalid_option", retryAfter: nil),
        Case(error: .busy(engine: .piper), status: .serviceUnavailable, code: "busy", retryAfter: "1"),
        Case(error: SynthesisError(.unavailable, "worker down"), status: .serviceUnavailable, code: "engine_unavailable", retryAfter: nil),
        Case(error: SynthesisError(.engineFailure, "boom"), status: .internalServerError, code: "engine_failure", retryAfter: nil),
        Case(error: SynthesisError(.modelLoadFailed, "missing"), status: .internalServerError, code: "model_load_failed", retryAfter: nil),
    ])
    func synthesisErrorsMapToTheDocumentedStatuses(_ testCase: Case) {
        let apiError = testCase.error.apiError
        #expect(apiError.status == testCase.status)
        #expect(apiError.code == testCase.code)
        #expect(apiError.headers[.retryAfter] == testCase.retryAfter)
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
