/// Why a model could not be listed, installed or removed: one clear sentence each, and what was installed before is
/// left as it was.
public struct ModelInstallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure, for HTTP statuses and exit codes.
    public enum Code: String, Sendable {
        /// No model of that name in the catalogs.
        case unknownModel = "unknown_model"
        /// The catalog could not be read or is not a catalog.
        case badCatalog = "bad_catalog"
        /// A server could not be reached, or the connection broke more often than retried.
        case network
        /// A file the catalog names is not on the server (HTTP 404).
        case notFound = "not_found"
        /// A downloaded file's size or checksum is not what the catalog says.
        case checksumMismatch = "checksum_mismatch"
        /// Not enough room: the disk, or the configured capacity for models.
        case noSpace = "no_space"
        /// The model is not installed (remove).
        case notInstalled = "not_installed"
        /// The model is in use and cannot go (the default voice).
        case inUse = "in_use"
        /// The model folder could not be written.
        case storage
    }

    /// What kind of failure.
    public let code: Code
    /// One sentence for a person.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
