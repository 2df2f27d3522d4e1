public import Foundation

/// Where models come from and where they go: every address is configuration (`[models]`), so a mirror, an offline
/// folder (`file://`) or a test server works like the public defaults.
public struct ModelSources: Sendable, Equatable {
    /// The Piper voice catalog (`voices.json`).
    public var piperCatalogURL: URL
    /// The folder the catalog's file paths are relative to.
    public var piperFilesURL: URL
    /// The model hub F5-TTS and Vocos weights come from (its `api/models/<repo>/tree` listing and `<repo>/resolve` files).
    public var hubURL: URL
    /// Where models are installed (`data_dir/models`).
    public var directory: URL
    /// The most the installed models may take on disk altogether, in bytes (`nil`: whatever the disk has).
    public var capacityBytes: Int64?

    /// Creates the sources.
    public init(piperCatalogURL: URL, piperFilesURL: URL, hubURL: URL, directory: URL, capacityBytes: Int64? = nil) {
        self.piperCatalogURL = piperCatalogURL
        self.piperFilesURL = piperFilesURL
        self.hubURL = hubURL
        self.directory = directory
        self.capacityBytes = capacityBytes
    }
}
