import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
@testable import APIServer

/// Builds the real application, as `ishowtts serve` does, around the shared real Piper engine.
enum TestServer {
    static func make(configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> some ApplicationProtocol {
        var configuration = try ServerConfiguration.load(file: nil, environment: [:])
        configuration.piper.voices = [PiperVoiceEntry(id: "joe", model: ProjectPaths.defaultPiperModel.path)]
        configure(&configuration)
        var logger = Logger(label: "APIServerTests")
        logger.logLevel = .warning
        let engines = try await SharedEngines.piper()
        return try await buildApplication(configuration: configuration, engines: [engines], logger: logger)
    }

    /// A JSON POST body.
    static func json(_ object: [String: any Sendable]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]
}

/// The `{"error": {...}}` body every failure has.
struct ErrorBody: Decodable {
    struct Detail: Decodable {
        let code: String
        let message: String
    }
    let error: Detail
}
