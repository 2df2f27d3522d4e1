import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A server on 127.0.0.1 that serves a Piper voice catalog and its files (with `Range` requests, as the public
/// voices repository does) and model-hub repositories (their `api/models/<repo>/tree` listings and `resolve` files).
public final class ModelCatalogTestServer: Sendable {
    /// What it serves and what it saw.
    public let backend: ModelCatalogTestBackend
    private let application: LocalTestApplication

    /// `[models] piper_catalog_url`.
    public var piperCatalogURL: String { "http://127.0.0.1:\(application.port)/catalog/voices.json" }
    /// `[models] piper_files_url`.
    public var piperFilesURL: String { "http://127.0.0.1:\(application.port)/piper" }
    /// `[models] hub_url`.
    public var hubURL: String { "http://127.0.0.1:\(application.port)/hub" }

    /// Starts an empty server; fill it through ``backend``.
    public static func start() async throws -> ModelCatalogTestServer {
        let backend = ModelCatalogTestBackend()
        let router = Router()
        router.get("catalog/voices.json") { request, _ -> Response in
            backend.record(request.uri.path, range: nil)
            return Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: backend.catalogJSON()))
            )
        }
        router.get("hub/api/models/:owner/:name/tree/main/**") { request, context -> Response in
            try listing(backend, request, context)
        }
        router.get("hub/api/models/:owner/:name/tree/main") { request, context -> Response in
            try listing(backend, request, context)
        }
        // The trie router does not backtrack: files live under their own first path components.
        router.get("piper/**") { request, _ -> Response in try file(backend, request) }
        router.get("hub/:owner/:name/resolve/main/**") { request, _ -> Response in try file(backend, request) }
        let application = try await LocalTestApplication.start(router: router, label: "ModelCatalogTestServer")
        return ModelCatalogTestServer(backend: backend, application: application)
    }

    /// A file, from the offset a `Range` header asks for, cut short where the backend says.
    private static func file(_ backend: ModelCatalogTestBackend, _ request: Request) throws -> Response {
        let path = String(request.uri.path.dropFirst())
        let range = request.headers[.range]
        backend.record(request.uri.path, range: range)
        guard let (data, dropAfter) = backend.file(path) else { return Response(status: .notFound) }
        var start = 0
        if let range, range.hasPrefix("bytes="), let from = Int(range.dropFirst(6).prefix { $0 != "-" }) {
            guard from < data.count else { return Response(status: .rangeNotSatisfiable) }
            start = from
        }
        let body = data.subdata(in: start..<data.count)
        var headers: HTTPFields = [.contentType: "application/octet-stream", .contentLength: "\(body.count)"]
        if start > 0 { headers[.contentRange] = "bytes \(start)-\(data.count - 1)/\(data.count)" }
        return Response(
            status: start > 0 ? .partialContent : .ok,
            headers: headers,
            body: ResponseBody { writer in
                let cut = dropAfter.map { min($0, body.count) } ?? body.count
                var offset = 0
                while offset < cut {
                    let end = min(cut, offset + (1 << 20))
                    try await writer.write(ByteBuffer(bytes: body[offset..<end]))
                    offset = end
                }
                // Cut short: the connection closes with the body incomplete, as a dropped download does.
                if cut < body.count { throw CancellationError() }
                try await writer.finish(nil)
            }
        )
    }

    private static func listing(_ backend: ModelCatalogTestBackend, _ request: Request, _ context: BasicRequestContext) throws -> Response {
        backend.record(request.uri.path, range: nil)
        let repository = "\(try context.parameters.require("owner"))/\(try context.parameters.require("name"))"
        let folder = context.parameters.getCatchAll().joined(separator: "/")
        guard let data = backend.listing(repository: repository, folder: folder) else { return Response(status: .notFound) }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private init(backend: ModelCatalogTestBackend, application: LocalTestApplication) {
        self.backend = backend
        self.application = application
    }

    /// Stops the server.
    public func stop() async { await application.stop() }
}
