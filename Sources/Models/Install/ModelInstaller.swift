import Foundation
import Synchronization

/// Installs models by name from the catalogs in ``ModelSources``: downloads with resume, checks sizes and checksums,
/// checks the space first, and moves a complete model into place in one rename, so a model folder is either whole or
/// absent. Installing a model that is being installed joins that installation; progress goes to ``events``.
///
/// ```swift
/// let installer = ModelInstaller(sources: sources)
/// let installed = try await installer.install("en_US-amy-medium")   // its requirements first, then the model
/// ```
public actor ModelInstaller {
    /// Where models come from and go.
    public nonisolated let sources: ModelSources
    /// Progress of every installation and removal.
    public nonisolated let events = ModelInstallEvents()
    private let downloader = ModelDownloader()
    private var piperCatalog: (entries: [ModelEntry], fetched: ContinuousClock.Instant)?
    private var jobs: [String: Task<InstalledModel, any Error>] = [:]

    /// How long a fetched Piper catalog is reused.
    static let catalogLifetime = Duration.seconds(600)
    /// Room left free on the disk beyond what a model needs.
    static let diskMargin: Int64 = 64 << 20
    /// Partial downloads live here until their model is complete.
    static let partialFolder = ".partial"

    /// An installer over `sources`; nothing is fetched until asked.
    public init(sources: ModelSources) {
        self.sources = sources
    }

    /// Whether `name` can name a model (and its folder): letters, digits, `_`, `.`, `-`, not starting with a dot.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 128 && name.first != "."
            && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_.-".unicodeScalars.contains($0)) }
    }

    // MARK: Catalog

    /// Every model that can be installed: the Piper catalog's voices, then the F5 weights.
    public func catalog() async throws(ModelInstallError) -> [ModelEntry] {
        try await piperEntries() + F5Weights.entries(hub: sources.hubURL)
    }

    /// The model called `name`, with every file's size and checksum (read from the model hub for F5 weights).
    public func entry(_ name: String) async throws(ModelInstallError) -> ModelEntry {
        if let definition = F5Weights.definitions.first(where: { $0.name == name }) { return try await resolved(definition) }
        guard let entry = try await piperEntries().first(where: { $0.name == name }) else {
            throw ModelInstallError(.unknownModel, "no model called \(name.debugDescription) in the catalogs (see `ishowtts models list`)")
        }
        return entry
    }

    /// The licence a person should read before installing `entry`: the F5 table's, or a Piper voice's model card.
    public func license(of entry: ModelEntry) async throws(ModelInstallError) -> String {
        if let license = entry.license { return license }
        guard let card = entry.files.first(where: { $0.name == "MODEL_CARD" }), let url = URL(string: card.url) else {
            return "not stated in the catalog"
        }
        let text = String(decoding: try await downloader.fetch(url, limit: 1 << 20), as: UTF8.self)
        return ModelCard.license(in: text) ?? "not stated in its model card (\(card.url))"
    }

    private func piperEntries() async throws(ModelInstallError) -> [ModelEntry] {
        if let piperCatalog, ContinuousClock.now - piperCatalog.fetched < Self.catalogLifetime { return piperCatalog.entries }
        let json = try await downloader.fetch(sources.piperCatalogURL, limit: 64 << 20)
        let entries = try PiperVoiceCatalog.entries(json: json, filesURL: sources.piperFilesURL)
        piperCatalog = (entries, .now)
        return entries
    }

    /// An F5 entry with sizes and checksums from the hub's listing of each folder it takes files from.
    private func resolved(_ definition: F5Weights.Definition) async throws(ModelInstallError) -> ModelEntry {
        var listed: [String: F5Weights.ListedFile] = [:]
        let folders = Set(definition.files.map { ($0.path as NSString).deletingLastPathComponent })
        for folder in folders.sorted() {
            let url = F5Weights.listingURL(hub: sources.hubURL, definition, folder: folder)
            let data = try await downloader.fetch(url, limit: 4 << 20)
            guard let files = try? JSONDecoder().decode([F5Weights.ListedFile].self, from: data) else {
                throw ModelInstallError(.badCatalog, "the model hub's listing of \(definition.repository) is not a file list (\(url))")
            }
            for file in files where file.type == "file" { listed[file.path] = file }
        }
        guard var entry = F5Weights.entries(hub: sources.hubURL).first(where: { $0.name == definition.name }) else {
            throw ModelInstallError(.unknownModel, "no model called \(definition.name)")
        }
        for (index, file) in definition.files.enumerated() {
            guard let sized = listed[file.path]?.sizeAndChecksum else {
                throw ModelInstallError(.notFound, "\(definition.repository) has no \(file.path) on the model hub")
            }
            entry.files[index].sizeBytes = sized.0
            entry.files[index].checksum = sized.1
        }
        return entry
    }

    // MARK: Installed models

    /// The models installed now, by name.
    public nonisolated func installed() -> [InstalledModel] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sources.directory.path)) ?? []
        return names.sorted().compactMap(installed)
    }

    /// Model `name`, if it is installed.
    public nonisolated func installed(_ name: String) -> InstalledModel? {
        guard Self.isValidName(name) else { return nil }
        let folder = sources.directory.appendingPathComponent(name, isDirectory: true)
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(InstalledModel.manifestName)),
            var model = try? JSONDecoder.manifest.decode(InstalledModel.self, from: data)
        else { return nil }
        model.folder = folder
        return model
    }

    // MARK: Installing

    /// Installs `name` and what it requires; returns every model installed by this call, the named one last (nothing
    /// when it was already there). Joins an installation of the same model already under way.
    public func install(_ name: String) async throws(ModelInstallError) -> [InstalledModel] {
        guard Self.isValidName(name) else { throw ModelInstallError(.unknownModel, "\(name.debugDescription) is not a model name") }
        let entry = try await entry(name)
        var done: [InstalledModel] = []
        for requirement in entry.requires where installed(requirement) == nil {
            done += try await install(requirement)
        }
        if installed(name) != nil { return done }
        let job: Task<InstalledModel, any Error>
        if let running = jobs[name] {
            job = running
        } else {
            job = Task { try await self.perform(entry) }
            jobs[name] = job
        }
        // Only the job this call waited for is cleared: a joined caller resuming late must not drop a newer one.
        defer { if jobs[name] == job { jobs[name] = nil } }
        do {
            return done + [try await job.value]
        } catch {
            throw error as? ModelInstallError ?? ModelInstallError(.storage, "\(error)")
        }
    }

    private func perform(_ entry: ModelEntry) async throws(ModelInstallError) -> InstalledModel {
        let partial = sources.directory.appendingPathComponent(Self.partialFolder).appendingPathComponent(entry.name, isDirectory: true)
        let total = entry.sizeBytes
        do throws(ModelInstallError) {
            do {
                try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
            } catch {
                throw ModelInstallError(.storage, "cannot create \(partial.path): \(error)")
            }
            let lock = try InstallLock(partial.deletingLastPathComponent().appendingPathComponent(entry.name + ".lock"), model: entry.name)
            defer { lock.release() }
            // Files checked and renamed by an attempt that failed while placing the model count as downloaded.
            for file in entry.files where Self.isValidName(file.name) {
                let checked = partial.appendingPathComponent(file.name)
                let part = partial.appendingPathComponent(file.name + ".part")
                if FileManager.default.fileExists(atPath: checked.path), !FileManager.default.fileExists(atPath: part.path) {
                    try? FileManager.default.moveItem(at: checked, to: part)
                }
            }
            try checkSpace(for: entry, partial: partial)
            let license = try await license(of: entry)
            var before: Int64 = 0
            for file in entry.files {
                guard Self.isValidName(file.name) else {
                    throw ModelInstallError(.badCatalog, "the catalog names a file \(file.name.debugDescription)")
                }
                let throttle = ProgressThrottle()
                let offset = before
                try await downloader.download(file, to: partial.appendingPathComponent(file.name + ".part")) { bytes in
                    guard throttle.due() else { return }
                    self.events.publish(ModelInstallEvent(name: entry.name, state: .downloading, bytes: offset + bytes, totalBytes: total))
                }
                before += file.sizeBytes ?? ModelDownloader.size(of: partial.appendingPathComponent(file.name + ".part"))
            }
            events.publish(ModelInstallEvent(name: entry.name, state: .verifying, bytes: before, totalBytes: total))
            let model = try place(entry, from: partial, size: before, license: license)
            events.publish(ModelInstallEvent(name: entry.name, state: .installed, bytes: before, totalBytes: total))
            return model
        } catch {
            events.publish(ModelInstallEvent(name: entry.name, state: .failed, bytes: 0, totalBytes: total, detail: error.message))
            throw error
        }
    }

    /// Room for what is left to download: on the disk, and within the configured capacity.
    private func checkSpace(for entry: ModelEntry, partial: URL) throws(ModelInstallError) {
        let have = entry.files.reduce(Int64(0)) { $0 + ModelDownloader.size(of: partial.appendingPathComponent($1.name + ".part")) }
        let needed = max(0, (entry.sizeBytes ?? 0) - have)
        if let capacity = sources.capacityBytes {
            let used = installed().reduce(Int64(0)) { $0 + $1.sizeBytes } + folderSize(sources.directory.appendingPathComponent(Self.partialFolder))
            guard used + needed <= capacity else {
                throw ModelInstallError(
                    .noSpace,
                    "\(entry.name) needs \(Self.megabytes(needed)) more, but models may take \(Self.megabytes(capacity)) and already take \(Self.megabytes(used)) (models.max_gb)"
                )
            }
        }
        let attributes = try? FileManager.default.attributesOfFileSystem(forPath: sources.directory.path)
        if let free = (attributes?[.systemFreeSize] as? NSNumber)?.int64Value, free < needed + Self.diskMargin {
            throw ModelInstallError(.noSpace, "\(entry.name) needs \(Self.megabytes(needed)) but the disk has \(Self.megabytes(free)) free")
        }
    }

    /// Renames the checked files, writes the manifest, and moves the folder into place in one step.
    private func place(_ entry: ModelEntry, from partial: URL, size: Int64, license: String) throws(ModelInstallError) -> InstalledModel {
        let manager = FileManager.default
        let final = sources.directory.appendingPathComponent(entry.name, isDirectory: true)
        var model = InstalledModel(
            name: entry.name,
            kind: entry.kind,
            languages: entry.languages,
            files: entry.files.map(\.name),
            sizeBytes: size,
            license: license,
            installedAt: Date()
        )
        do {
            for file in entry.files {
                let checked = partial.appendingPathComponent(file.name)
                if manager.fileExists(atPath: checked.path) { try manager.removeItem(at: checked) }
                try manager.moveItem(at: partial.appendingPathComponent(file.name + ".part"), to: checked)
            }
            try JSONEncoder.manifest.encode(model).write(to: partial.appendingPathComponent(InstalledModel.manifestName), options: .atomic)
            // A folder without a manifest is what an interrupted removal or a hand copy leaves: never a model.
            if manager.fileExists(atPath: final.path) { try manager.removeItem(at: final) }
            try manager.moveItem(at: partial, to: final)
        } catch {
            throw ModelInstallError(.storage, "cannot move \(entry.name) into \(final.path): \(error)")
        }
        model.folder = final
        return model
    }

    // MARK: Removing

    /// Removes installed model `name` (one rename, then the files go); throws when it is not installed or is being
    /// installed.
    @discardableResult
    public func remove(_ name: String) throws(ModelInstallError) -> InstalledModel {
        guard jobs[name] == nil else { throw ModelInstallError(.inUse, "\(name) is being installed; remove it when that ends") }
        guard let model = installed(name) else { throw ModelInstallError(.notInstalled, "\(name) is not installed") }
        let trash = sources.directory.appendingPathComponent(Self.partialFolder).appendingPathComponent("removed-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: trash.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: model.folder, to: trash)
        } catch {
            throw ModelInstallError(.storage, "cannot remove \(model.folder.path): \(error)")
        }
        try? FileManager.default.removeItem(at: trash)
        events.publish(.removed(model))
        return model
    }

    // MARK: Helpers

    private nonisolated func folderSize(_ folder: URL) -> Int64 {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return 0 }
        var total: Int64 = 0
        for case let url as URL in walker { total += ModelDownloader.size(of: url) }
        return total
    }

    /// `1.2 GB`, `63 MB`: sizes as a person reads them.
    public static func megabytes(_ bytes: Int64) -> String {
        bytes >= 1_000_000_000
            ? String(format: "%.1f GB", Double(bytes) / 1e9) : String(format: "%.0f MB", (Double(bytes) / 1e6).rounded(.up))
    }
}

/// Lets through a progress report at most every quarter second.
private final class ProgressThrottle: Sendable {
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    func due() -> Bool {
        last.withLock { last in
            let now = ContinuousClock.now
            if let previous = last, now - previous < .milliseconds(250) { return false }
            last = now
            return true
        }
    }
}

extension JSONEncoder {
    static var manifest: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    static var manifest: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
