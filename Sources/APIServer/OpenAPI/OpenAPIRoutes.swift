import Hummingbird
import NIOCore

/// `GET /openapi.json`: the OpenAPI document of every route (open without a key, like the routes it names).
struct OpenAPIRoutes<Context: RequestContext>: Sendable {
    func register(on router: Router<Context>) {
        router.get("openapi.json") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json))
            )
        }
    }
}
