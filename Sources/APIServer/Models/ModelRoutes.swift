import Foundation
import Hummingbird
import Models

/// `/api/models`: the catalogs, installing by name (in the background, progress on `GET /api/models/events`) and
/// removing. Every route needs an admin key: they change what the server can say and fill its disk.
struct ModelRoutes<Context: RequestContext>: Sendable {
    let models: ModelService
    let body: JSONBody

    func register(on api: RouterGroup<Context>) {
        api.get("models") { request, _ in try await list(request) }
        api.get("models/installed") { _, _ in try JSONResponse.make(InstalledModelsResponse(models: models.installer.installed())) }
        api.post("models/install") { request, _ in try await install(request) }
        api.delete("models/:name") { _, context in
            let name = try context.parameters.require("name")
            let model: InstalledModel
            do throws(ModelInstallError) {
                model = try await models.remove(name)
            } catch {
                throw error.apiError
            }
            return try JSONResponse.make(ModelInstallEvent.removed(model))
        }
        api.get("models/events") { _, _ in events() }
    }

    private func list(_ request: Request) async throws -> Response {
        let language = request.uri.queryParameters["language"].map(String.init)
        let entries: [ModelEntry]
        do {
            entries = try await models.installer.catalog()
        } catch {
            throw error.apiError
        }
        let installed = Set(models.installer.installed().map(\.name))
        let shown = entries.filter { entry in language.map { entry.speaks($0) } ?? true }
        return try JSONResponse.make(ModelListResponse(models: shown.map { ModelListResponse.Item($0, installed: installed.contains($0.name)) }))
    }

    private func install(_ request: Request) async throws -> Response {
        let payload = try await body.decode(InstallRequest.self, from: request)
        let entry: ModelEntry
        let license: String
        do {
            entry = try await models.installer.entry(payload.name)
            license = try await models.installer.license(of: entry)
        } catch {
            throw error.apiError
        }
        guard payload.acceptLicense == true else {
            throw APIError(
                .badRequest,
                code: "license_not_accepted",
                message: "\(entry.name) is under this licence: \(license). Send accept_license: true to install it.",
                field: "accept_license"
            )
        }
        do {
            _ = try await models.startInstall(payload.name)
        } catch {
            throw error.apiError
        }
        return try JSONResponse.make(InstallStarted(name: entry.name, license: license, sizeBytes: entry.sizeBytes), status: .accepted)
    }

    /// Server-Sent Events: one `model` event per progress report, installation end and removal.
    private func events() -> Response {
        let stream = models.installer.events.subscribe()
        return ServerSentEvents.response(buffer: 256, first: []) { sink in
            // A client too slow for the buffer is cut off (it reconnects) rather than silently missing an install's end.
            for await event in stream {
                let frame = ServerSentEvents.frame(event: "model", data: String(decoding: try JSONResponse.encoder.encode(event), as: UTF8.self))
                if case .dropped = sink.yield(frame) { break }
            }
        }
    }
}

/// `POST /api/models/install`.
struct InstallRequest: Decodable {
    let name: String
    let acceptLicense: Bool?

    enum CodingKeys: String, CodingKey {
        case name
        case acceptLicense = "accept_license"
    }
}

/// The answer to an accepted installation.
struct InstallStarted: Encodable {
    let name: String
    let license: String
    let sizeBytes: Int64?
    let state = "installing"

    enum CodingKeys: String, CodingKey {
        case name, license, state
        case sizeBytes = "size_bytes"
    }
}

/// `GET /api/models`.
struct ModelListResponse: Encodable {
    struct Item: Encodable {
        let name: String
        let kind: ModelKind
        let languages: [String]
        let quality: String?
        let summary: String
        let license: String?
        let requires: [String]
        let sizeBytes: Int64?
        let installed: Bool

        init(_ entry: ModelEntry, installed: Bool) {
            name = entry.name
            kind = entry.kind
            languages = entry.languages
            quality = entry.quality
            summary = entry.summary
            license = entry.license
            requires = entry.requires
            sizeBytes = entry.sizeBytes
            self.installed = installed
        }

        enum CodingKeys: String, CodingKey {
            case name, kind, languages, quality, summary, license, requires, installed
            case sizeBytes = "size_bytes"
        }
    }

    let models: [Item]
}

/// `GET /api/models/installed`.
struct InstalledModelsResponse: Encodable {
    let models: [InstalledModel]
}

extension ModelInstallError {
    /// The HTTP answer: 404 for a name that is not there, 409 for a model in use, 502 when the catalog or a download
    /// failed, 507 when there is no room.
    var apiError: APIError {
        switch code {
        case .unknownModel: APIError(.notFound, code: code.rawValue, message: message, field: "name")
        case .notInstalled: APIError(.notFound, code: code.rawValue, message: message)
        case .inUse: APIError(.conflict, code: code.rawValue, message: message)
        case .badCatalog, .network, .notFound, .checksumMismatch: APIError(.badGateway, code: code.rawValue, message: message)
        case .noSpace: APIError(HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), code: code.rawValue, message: message)
        case .storage: APIError(.internalServerError, code: code.rawValue, message: message)
        }
    }
}
