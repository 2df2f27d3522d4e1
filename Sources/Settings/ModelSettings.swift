/// Where models installed by name come from (`[models]`); every address can point at a mirror, a `file://` folder or
/// a test server.
public struct ModelSettings: Sendable, Equatable {
    /// The Piper voice catalog (`piper_catalog_url`).
    public var piperCatalogURL: String
    /// The folder the catalog's file paths are relative to (`piper_files_url`).
    public var piperFilesURL: String
    /// The model hub F5-TTS and Vocos weights come from (`hub_url`).
    public var hubURL: String
    /// The most installed models may take on disk, in gigabytes (`max_gb`; `nil`: what the disk has).
    public var maxGigabytes: Double?

    /// Allowed range of ``maxGigabytes``.
    public static let maxGigabytesRange = 0.001...100_000.0

    /// Creates settings; every parameter defaults to the public catalogs.
    public init(
        piperCatalogURL: String = "https://huggingface.co/rhasspy/piper-voices/resolve/main/voices.json",
        piperFilesURL: String = "https://huggingface.co/rhasspy/piper-voices/resolve/main",
        hubURL: String = "https://huggingface.co",
        maxGigabytes: Double? = nil
    ) {
        self.piperCatalogURL = piperCatalogURL
        self.piperFilesURL = piperFilesURL
        self.hubURL = hubURL
        self.maxGigabytes = maxGigabytes
    }
}

extension ServerConfiguration {
    /// Reads `[models]`.
    static func decodeModels(_ table: inout ConfigTableReader) throws(ConfigurationError) -> ModelSettings {
        let defaults = ModelSettings()
        return ModelSettings(
            piperCatalogURL: try table.endpoint("piper_catalog_url", default: defaults.piperCatalogURL, allowingFiles: true),
            piperFilesURL: try table.endpoint("piper_files_url", default: defaults.piperFilesURL, allowingFiles: true),
            hubURL: try table.endpoint("hub_url", default: defaults.hubURL, allowingFiles: true),
            maxGigabytes: try table.optionalDouble("max_gb", in: ModelSettings.maxGigabytesRange)
        )
    }
}
