import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import TestSupport

/// A test client that writes every response it receives (method, path, status, content type, JSON body) to
/// `.build/api-responses.jsonl`, where `tests/api/test_recorded_responses.py` validates each against the OpenAPI
/// document: every response the Swift suite receives through ``TestServer`` is checked against its schema.
struct RecordingTestClient: TestClientProtocol {
    let client: any TestClientProtocol

    var port: Int? { client.port }

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        ResponseLog.shared.record(method: method, uri: uri, response: response)
        return response
    }
}

/// The file of recorded responses: emptied when this test process first records, then appended line by line.
final class ResponseLog: Sendable {
    static let shared = ResponseLog()
    static let path = ProjectPaths.root.appendingPathComponent(".build/api-responses.jsonl")

    private let handle: Mutex<FileHandle?>

    private init() {
        _ = FileManager.default.createFile(atPath: Self.path.path, contents: nil)
        handle = Mutex(FileHandle(forWritingAtPath: Self.path.path))
    }

    func record(method: HTTPRequest.Method, uri: String, response: TestResponse) {
        let path = String(uri.prefix { $0 != "?" })
        let contentType = response.headers[.contentType]
        let isJSON = contentType?.hasPrefix("application/json") == true
        var entry: [String: Any] = ["method": method.rawValue, "path": path, "status": response.status.code]
        if let contentType { entry["content_type"] = contentType }
        if isJSON { entry["body"] = String(buffer: response.body) }
        guard let line = try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys]) else { return }
        handle.withLock { handle in
            handle?.write(line)
            handle?.write(Data("\n".utf8))
        }
    }
}
