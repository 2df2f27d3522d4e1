/// Where the HTTP server listens and what it accepts; the composition root fills it from the configuration.
public struct HTTPSettings: Sendable, Equatable {
    /// Host name or IP address to bind (`::1` without brackets).
    public var host: String
    /// TCP port; 0 asks the system for a free one.
    public var port: Int
    /// Largest request body accepted, in bytes.
    public var maxBodyBytes: Int

    /// OpenAI voice names (or any other names) → voice ids, for `/v1/audio/speech`.
    public var openAIVoices: [String: String]

    /// Creates settings.
    public init(host: String, port: Int, maxBodyBytes: Int, openAIVoices: [String: String] = [:]) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.openAIVoices = openAIVoices
    }
}
