/// A database failure, with the file it concerns; the server reports it and keeps running where it can.
public struct StorageError: Error, Sendable, CustomStringConvertible {
    /// What failed, for a person.
    public let description: String

    init(_ action: String, path: String, _ underlying: any Error) {
        description = "\(action) (\(path)): \(underlying)"
    }
}
