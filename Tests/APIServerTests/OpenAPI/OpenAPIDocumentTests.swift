import Foundation
import TestSupport
import Testing

@testable import APIServer

/// The OpenAPI document cannot drift from the routers: every routed (method, path) is documented, every documented
/// one is routed.
@Suite struct OpenAPIDocumentTests {
    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    /// `METHOD /path` of every operation in the document.
    static func documentedOperations() throws -> Set<String> {
        let document = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any]
        let paths = try #require(document?["paths"] as? [String: [String: Any]])
        var operations: Set<String> = []
        for (path, item) in paths {
            for method in item.keys where methods.contains(method) { operations.insert("\(method.uppercased()) \(path)") }
        }
        return operations
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        let documented = try Self.documentedOperations()
        let routed = try await TestServer.withServer(configuration: ChatEndToEndTests.configuration()) { server in
            Set(server.routes.map { "\($0.method) \($0.path)" } + server.webSocketPaths.map { "GET \($0)" })
        }
        #expect(routed.subtracting(documented).sorted() == [], "routed but not documented")
        #expect(documented.subtracting(routed).sorted() == [], "documented but not routed")
    }

    @Test func theDocumentIsServedAsJSON() async throws {
        try await TestServer.withServer(configuration: ChatEndToEndTests.configuration()) { server in
            let probe = try await RawHTTPProbe.send("GET", "/openapi.json", port: server.port)
            #expect(probe.status == 200)
            #expect(probe.headers["content-type"]?.hasPrefix("application/json") == true)
        }
    }
}
