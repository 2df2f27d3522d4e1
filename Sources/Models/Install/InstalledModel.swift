public import Foundation

/// A model in the install folder, as its manifest (`installed.json`, written last) describes it.
public struct InstalledModel: Sendable, Codable, Equatable {
    /// Its name.
    public var name: String
    /// What it is.
    public var kind: ModelKind
    /// The languages it speaks.
    public var languages: [String]
    /// Its files' names in its folder.
    public var files: [String]
    /// Bytes on disk.
    public var sizeBytes: Int64
    /// Its licence as shown before it was installed.
    public var license: String?
    /// When it was installed.
    public var installedAt: Date
    /// Its folder; set when read from disk, not stored.
    public var folder: URL = URL(fileURLWithPath: "/")

    /// The file called `name` in its folder.
    public func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// The first file whose name ends with `suffix` (`.onnx`).
    public func file(endingWith suffix: String) -> URL? { files.first { $0.hasSuffix(suffix) }.map(file) }

    enum CodingKeys: String, CodingKey {
        case name, kind, languages, files, license
        case sizeBytes = "size_bytes"
        case installedAt = "installed_at"
    }

    /// The manifest's file name.
    static let manifestName = "installed.json"
}
