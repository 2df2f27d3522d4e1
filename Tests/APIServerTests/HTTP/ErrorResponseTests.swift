import Foundation
import Hummingbird
import HummingbirdTesting
import Settings
import TestSupport
import Testing

@testable import APIServer

/// Every documented failure returns its status and a `{"error": {"code", "message"}}` body.
@Suite struct ErrorResponseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let uri: String
        let contentType: String?
        let body: String
        let status: HTTPResponse.Status
        let code: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty text", uri: "/api/tts", contentType: "application/json", body: #"{"text":"   "}"#, status: .badRequest, code: "empty_text"),
        Case(
            name: "unknown voice",
            uri: "/api/tts",
            contentType: "application/json",
            body: #"{"text":"hi","voice_id":"nobody"}"#,
            status: .notFound,
            code: "unknown_voice"
        ),
        Case(
            name: "text over the limit",
            uri: "/api/tts",
            contentType: "application/json",
            body: #"{"text":"\#(String(repeating: "a", count: 41))"}"#,
            status: .contentTooLarge,
            code: "text_too_long"
        ),
        Case(
            name: "few characters but many bytes",
            uri: "/api/tts",
            contentType: "application/json",
            body: #"{"text":"\#(String(repeating: "e" + String(repeating: "\u{0301}", count: 20), count: 30))"}"#,
            status: .contentTooLarge,
            code: "text_too_long"
        ),
        Case(
            name: "malformed JSON",
            uri: "/api/tts",
            contentType: "application/json",
            body: #"{"text": "#,
            status: .badRequest,
            code: "malformed_json"
        ),
        Case(
            name: "missing text",
            uri: "/api/tts",
            contentType: "application/json",
            body: #"{"voice_id":"joe"}"#,
            status: .badRequest,
            code: "malformed_json"
        ),
        Case(
            name: "wrong field type",
            uri: "/api/tts",
            contentType: "application/json",
            body: #"{"text":"hi","speed":"fast"}"#,
            status: .badRequest,
            code: "malformed_json"
        ),
        Case(
            name: "speed out of range",
            uri: "/api/tts",
            contentType: "application/json",
            body: #"{"text":"hi","speed":9}"#,
            status: .badRequest,
            code: "invalid_option"
        ),
        Case(
            name: "wrong content type",
            uri: "/api/tts",
            contentType: "text/plain",
            body: "hello",
            status: .unsupportedMediaType,
            code: "unsupported_media_type"
        ),
        Case(
            name: "no content type",
            uri: "/api/tts/stream",
            contentType: nil,
            body: #"{"text":"hi"}"#,
            status: .unsupportedMediaType,
            code: "unsupported_media_type"
        ),
        Case(
            name: "body over the limit",
            uri: "/api/tts",
            contentType: "application/json",
            body: #"{"text":"hi","pad":"\#(String(repeating: "x", count: 3000))"}"#,
            status: .contentTooLarge,
            code: "payload_too_large"
        ),
        Case(
            name: "stream: unknown voice",
            uri: "/api/tts/stream",
            contentType: "application/json",
            body: #"{"text":"hi","voice_id":"x"}"#,
            status: .notFound,
            code: "unknown_voice"
        ),
        Case(
            name: "engine mismatch",
            uri: "/api/tts",
            contentType: "application/json",
            body: #"{"text":"hi","engine":"f5"}"#,
            status: .badRequest,
            code: "invalid_option"
        ),
        Case(
            name: "F5 option out of range",
            uri: "/api/tts/stream",
            contentType: "application/json",
            body: #"{"text":"hi","nfe_step":0}"#,
            status: .badRequest,
            code: "invalid_option"
        ),
    ]

    @Test(arguments: cases)
    func failureHasStatusAndJSONBody(_ testCase: Case) async throws {
        var configuration = ServerConfiguration.piperOnlyForTests()
        configuration.api.maxTextCharacters = 40
        configuration.api.maxBodyBytes = 2048
        try await TestServer.withClient(configuration: configuration) { client in
            var headers: HTTPFields = [:]
            if let contentType = testCase.contentType { headers[.contentType] = contentType }
            try await client.execute(uri: testCase.uri, method: .post, headers: headers, body: ByteBuffer(string: testCase.body)) { response in
                #expect(response.status == testCase.status)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let error = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(error.error.code == testCase.code)
                #expect(!error.error.message.isEmpty)
            }
        }
    }

    @Test func unknownRouteIsAJSON404() async throws {
        try await TestServer.withClient { client in
            try await client.execute(uri: "/api/nope", method: .get) { response in
                #expect(response.status == .notFound)
                let error = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(error.error.code == "not_found")
            }
        }
    }
}
