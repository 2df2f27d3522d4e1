import Foundation
import Hummingbird
import NIOCore

/// The control panel (`/`) and the OBS overlay (`/overlay`): plain HTML, CSS and JavaScript modules from the web
/// folder, their scripts and styles under `/ui/` (Hummingbird's file middleware); the pages call the API on the same
/// origin.
struct WebRoutes<Context: RequestContext>: Sendable {
    let directory: String

    func register(on router: Router<Context>) {
        router.get("/") { _, _ in try page("index.html") }
        router.get("overlay") { _, _ in try page("overlay.html") }
        router.add(middleware: FileMiddleware(directory, urlBasePath: "/ui", cacheControl: .init([(MediaType(type: .any), [.noCache])])))
    }

    private func page(_ name: String) throws -> Response {
        let file = URL(fileURLWithPath: directory).appendingPathComponent(name)
        guard let data = try? Data(contentsOf: file) else {
            throw APIError(.notFound, code: "web_missing", message: "the web pages are not at \(directory) (api.web_dir)")
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
