import Hummingbird
import Speech
import SpeechCore

/// `GET /api/health` and `GET /api/voices`.
struct InfoRoutes<Context: RequestContext>: Sendable {
    let speech: SpeechService
    /// With the library, voices come with their names and sources.
    let library: VoiceLibrary?

    func register(on router: RouterGroup<Context>) {
        router.get("health") { _, _ in await health() }
        router.get("voices") { _, _ in
            library.map { $0.list().map(VoiceDescriptor.init) } ?? speech.catalog.voices.map(VoiceDescriptor.init)
        }
    }

    /// The original fields (`status`, `voices`, `default_voice`) plus each engine's state.
    struct Health: ResponseCodable {
        struct Engine: Codable {
            let engine: String
            let status: EngineHealth.Status
            let detail: String
        }
        let status: String
        let voices: Int
        let defaultVoice: String
        let engines: [Engine]

        enum CodingKeys: String, CodingKey {
            case status, voices, engines
            case defaultVoice = "default_voice"
        }
    }

    /// `ok` when every engine that has voices or can clone them is ok: a Piper engine without voices (an F5-only
    /// server) serves nothing, so it degrades nothing; it is still listed.
    private func health() async -> Health {
        var engines: [Health.Engine] = []
        var degraded = false
        for engine in speech.catalog.allEngines {
            let health = await engine.health()
            engines.append(.init(engine: engine.id.rawValue, status: health.status, detail: health.detail))
            let servesOrClones = engine is any VoiceCloningEngine ? true : !(await engine.voices().isEmpty)
            if health.status != .ok, servesOrClones { degraded = true }
        }
        return Health(
            status: degraded ? "degraded" : "ok",
            voices: speech.catalog.voices.count,
            defaultVoice: speech.catalog.defaultVoiceID,
            engines: engines
        )
    }
}

extension VoiceDescriptor: ResponseEncodable {}
