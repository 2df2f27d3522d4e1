import Foundation
public import Models
public import PiperEngine
public import Speech
import SpeechCore

/// Puts an installed Piper voice into the engine and the catalog while the server runs, and takes it out again.
/// F5 weights are picked up by the next start (the workers load them once).
public struct PiperModelLoader: InstalledModelLoader {
    let engine: PiperEngine
    let catalog: VoiceCatalog

    /// A loader over the running Piper engine and the catalog.
    public init(engine: PiperEngine, catalog: VoiceCatalog) {
        self.engine = engine
        self.catalog = catalog
    }

    public func load(_ model: InstalledModel) async throws(ModelInstallError) -> String? {
        guard model.kind == .piperVoice else { return nil }
        guard let onnx = model.file(endingWith: ".onnx"), let json = model.file(endingWith: ".onnx.json") else {
            throw ModelInstallError(.badCatalog, "\(model.name) has no .onnx model with its .onnx.json")
        }
        guard (try? catalog.require(model.name)) == nil else { return model.name }
        do {
            let voice = try await engine.addVoice(PiperVoiceDefinition(id: model.name, model: onnx, config: json))
            try catalog.add(voice, engine: engine)
            return voice.id
        } catch {
            throw ModelInstallError(.storage, "\(model.name) is installed but cannot be loaded: \(error.message)")
        }
    }

    public func unload(_ model: InstalledModel) async throws(ModelInstallError) {
        guard model.kind == .piperVoice else { return }
        guard model.name != catalog.defaultVoiceID else {
            throw ModelInstallError(.inUse, "\(model.name) is the default voice (default_voice); choose another one first")
        }
        guard !catalog.isConfigured(model.name) else {
            throw ModelInstallError(.inUse, "\(model.name) is a voice of the configuration file; remove it there first")
        }
        catalog.remove(model.name)
        engine.removeVoice(id: model.name)
    }
}
