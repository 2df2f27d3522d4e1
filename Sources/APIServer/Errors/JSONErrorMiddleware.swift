import Hummingbird
import Logging
import Speech
import SpeechCore

/// Turns every error a route throws into the API's JSON error shape, so no client ever sees an empty body.
///
/// Hummingbird's own errors (unknown route, body too large) keep their status and get a code named after it;
/// anything unexpected becomes a logged 500.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as SynthesisError {
            if error.apiError.status == .internalServerError {
                context.logger.error("synthesis failed", metadata: ["error": "\(error.message)"])
            }
            throw error.apiError
        } catch let error as VoiceLibraryError {
            if error.kind == .storage { context.logger.error("voice library failed", metadata: ["error": "\(error.message)"]) }
            throw error.apiError
        } catch let error as HTTPError {
            throw APIError(error.status, code: Self.code(for: error.status), message: error.body ?? error.status.reasonPhrase)
        } catch let error as any HTTPResponseError {
            throw APIError(error.status, code: Self.code(for: error.status), message: error.status.reasonPhrase)
        } catch is CancellationError {
            throw APIError(.serviceUnavailable, code: "cancelled", message: "the request was cancelled")
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            throw APIError(.internalServerError, code: "internal_error", message: "internal server error")
        }
    }

    /// `Payload Too Large` → `payload_too_large`.
    static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .contentTooLarge: "payload_too_large"
        default: status.reasonPhrase.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "_")
        }
    }
}
