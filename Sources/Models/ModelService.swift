/// What the server does with a model once its files are in place (a Piper voice joins the voices) and before they
/// go: the composition root's side of installing while the server runs.
public protocol InstalledModelLoader: Sendable {
    /// Starts using `model`; returns the voice id it added, if any.
    func load(_ model: InstalledModel) async throws(ModelInstallError) -> String?
    /// Stops using `model`; throws ``ModelInstallError/Code/inUse`` when it must stay (the default voice).
    func unload(_ model: InstalledModel) async throws(ModelInstallError)
}

/// Installing and removing models while the server runs: the installer, then the loader, so an installed voice is
/// usable at once and a removed one is gone from the voices before its files are.
public struct ModelService: Sendable {
    /// Downloads, checks and places the files.
    public let installer: ModelInstaller
    let loader: any InstalledModelLoader

    /// A service over `installer` that hands installed models to `loader`.
    public init(installer: ModelInstaller, loader: any InstalledModelLoader) {
        self.installer = installer
        self.loader = loader
    }

    /// Installs `name` (and what it requires) and loads what was installed; returns the installed models.
    @discardableResult
    public func install(_ name: String) async throws(ModelInstallError) -> [InstalledModel] {
        var installed = try await installer.install(name)
        // Already on disk (the CLI installed it while the server runs, or loading it failed before): load it now.
        if installed.isEmpty, let model = installer.installed(name) { installed = [model] }
        for model in installed {
            do {
                let voice = try await loader.load(model)
                installer.events.publish(
                    ModelInstallEvent(
                        name: model.name,
                        state: .ready,
                        bytes: model.sizeBytes,
                        totalBytes: model.sizeBytes,
                        detail: voice.map { "voice \($0)" } ?? "used from the next start"
                    )
                )
            } catch {
                installer.events.publish(
                    ModelInstallEvent(name: model.name, state: .failed, bytes: model.sizeBytes, totalBytes: model.sizeBytes, detail: error.message)
                )
                throw error
            }
        }
        return installed
    }

    /// Starts installing `name` in the background (its progress and end go to the installer's events); checks first
    /// that the catalog knows it, so a wrong name fails at once.
    public func startInstall(_ name: String) async throws(ModelInstallError) -> ModelEntry {
        let entry = try await installer.entry(name)
        Task { try? await install(name) }
        return entry
    }

    /// Unloads and removes `name`.
    @discardableResult
    public func remove(_ name: String) async throws(ModelInstallError) -> InstalledModel {
        guard let model = installer.installed(name) else { throw ModelInstallError(.notInstalled, "\(name) is not installed") }
        try await loader.unload(model)
        return try await installer.remove(name)
    }
}
