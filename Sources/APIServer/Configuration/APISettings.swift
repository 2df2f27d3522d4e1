/// Limits of the HTTP API (`[api]`).
public struct APISettings: Sendable, Equatable {
    /// Syntheses that may run at once (`max_parallel`, 1...64); more requests wait their turn.
    public var maxParallel: Int
    /// Longest accepted text, counted in Swift `Character`s (`max_text_chars`, 1...100 000).
    public var maxTextCharacters: Int
    /// Largest accepted request body (`max_body_bytes`, 1 KiB...512 MiB); voice uploads are the big ones.
    public var maxBodyBytes: Int

    /// Allowed range of ``maxParallel``.
    public static let maxParallelRange = 1...64
    /// Allowed range of ``maxTextCharacters``.
    public static let maxTextCharactersRange = 1...100_000
    /// Allowed range of ``maxBodyBytes``.
    public static let maxBodyBytesRange = 1024...(512 * 1024 * 1024)

    /// Creates settings; every parameter defaults to its built-in value.
    public init(maxParallel: Int = 4, maxTextCharacters: Int = 500, maxBodyBytes: Int = 1_048_576) {
        self.maxParallel = maxParallel
        self.maxTextCharacters = maxTextCharacters
        self.maxBodyBytes = maxBodyBytes
    }
}
