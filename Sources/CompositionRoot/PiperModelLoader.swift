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
    /// The running F5 engine loaded the installed weights (they cannot go while it runs).
    let f5UsesInstalledWeights: Bool

    /// A loader over the running Piper engine and the catalog.
    public init(engine: PiperEngine, catalog: VoiceCatalog, f5UsesInstalledWeights: Bool = false) {
        self.engine = engine
        self.catalog = catalog
        self.f5UsesInstalledWeights = f5UsesInstalledWeights
    }

    public func load(_ model: InstalledModel) async throws(ModelInstallError) -> String? {
        guard model.kind == .piperVoice else { return nil }
        guard let onnx = model.file(endingWith: ".onnx"), let json = model.file(endingWith: ".onnx.json") else {
            throw ModelInstallError(.badCatalog, "\(model.name) has no .onnx model with its .onnx.json")
        }
        if let existing = try? catalog.require(model.name) {
            // Loaded already (two installs of one model ended together); another voice of that name is not this one.
            guard existing.engine.id == .piper, !catalog.isConfigured(model.name) else {
                throw ModelInstallError(.inUse, "a voice called \(model.name) exists already; the model is installed but not loaded")
            }
            return model.name
        }
        let voice: Voice
        do {
            voice = try await engine.addVoice(PiperVoiceDefinition(id: model.name, model: onnx, config: json))
        } catch  where (try? catalog.require(model.name)) != nil {
            return model.name  // a concurrent load of the same model got there first
        } catch {
            throw ModelInstallError(.storage, "\(model.name) is installed but cannot be loaded: \(error.message)")
        }
        do {
            try catalog.add(voice, engine: engine)
        } catch {
            engine.removeVoice(id: voice.id)
            throw ModelInstallError(.inUse, "a voice called \(model.name) exists already: \(error.message)")
        }
        return voice.id
    }

    public func unload(_ model: InstalledModel) async throws(ModelInstallError) {
        guard model.kind == .piperVoice else {
            guard !f5UsesInstalledWeights else {
                throw ModelInstallError(.inUse, "the F5 engine runs on \(model.name); disable [f5] (or set its files) and restart first")
            }
            return
        }
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
