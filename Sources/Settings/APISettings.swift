/// Limits of the HTTP API (`[api]`).
///
/// How many syntheses run at once is an engine's business: see ``PiperSettings/maxParallel`` and
/// ``F5Settings/maxParallel``.
public struct APISettings: Sendable, Equatable {
    /// Longest accepted text, counted in Swift `Character`s (`max_text_chars`, 1...100 000).
    public var maxTextCharacters: Int
    /// Largest accepted request body (`max_body_bytes`, 1 KiB...512 MiB); voice uploads are the big ones.
    public var maxBodyBytes: Int

    /// Names `/v1/audio/speech` accepts as `voice`, mapped to voice ids (`openai_voices = { alloy = "joe" }`); OpenAI's
    /// own names not listed here speak with the default voice.
    public var openAIVoices: [String: String]

    /// Allowed range of ``maxTextCharacters``.
    public static let maxTextCharactersRange = 1...100_000
    /// Allowed range of ``maxBodyBytes``.
    public static let maxBodyBytesRange = 1024...(512 * 1024 * 1024)

    /// Creates settings; every parameter defaults to its built-in value.
    public init(maxTextCharacters: Int = 500, maxBodyBytes: Int = 1_048_576, openAIVoices: [String: String] = [:]) {
        self.maxTextCharacters = maxTextCharacters
        self.maxBodyBytes = maxBodyBytes
        self.openAIVoices = openAIVoices
    }
}
