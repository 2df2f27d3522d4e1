import Foundation
public import Models
public import Settings

extension ServerConfiguration {
    /// Where `[models]` says models come from, installed under `data_dir/models`.
    public func modelSources() -> ModelSources {
        ModelSources(
            piperCatalogURL: URL(string: models.piperCatalogURL) ?? URL(fileURLWithPath: "/"),
            piperFilesURL: URL(string: models.piperFilesURL) ?? URL(fileURLWithPath: "/"),
            hubURL: URL(string: models.hubURL) ?? URL(fileURLWithPath: "/"),
            directory: URL(fileURLWithPath: modelsDirectory, isDirectory: true),
            capacityBytes: models.maxGigabytes.map { Int64($0 * 1e9) }
        )
    }

    /// This configuration with the models installed by name added: each installed Piper voice not already configured
    /// (by id or by file) becomes a voice named after it, and installed F5 weights fill `f5.checkpoint`, `f5.vocab`
    /// and `f5.vocoder` where the file leaves them unset.
    public func addingInstalledModels(_ installed: [InstalledModel]) -> ServerConfiguration {
        var configuration = self
        let configuredModels = Set(piper.voices.map { URL(fileURLWithPath: $0.model).standardizedFileURL.path })
        for model in installed where model.kind == .piperVoice {
            guard let onnx = model.file(endingWith: ".onnx"), let json = model.file(endingWith: ".onnx.json"),
                !configuration.piper.voices.contains(where: { $0.id == model.name }),
                !configuredModels.contains(onnx.standardizedFileURL.path)
            else { continue }
            configuration.piper.voices.append(PiperVoiceEntry(id: model.name, model: onnx.path, config: json.path, installed: true))
        }
        if let weights = installed.first(where: { $0.name == F5Settings.installedWeightsName }) {
            configuration.f5.checkpoint = configuration.f5.checkpoint ?? weights.file(endingWith: ".safetensors")?.path
            configuration.f5.vocab = configuration.f5.vocab ?? weights.file(endingWith: "vocab.txt")?.path
        }
        if let vocoder = installed.first(where: { $0.name == F5Settings.installedVocoderName }) {
            configuration.f5.vocoder = configuration.f5.vocoder ?? vocoder.folder.path
        }
        return configuration
    }
}
