public import APIServer
public import Settings

extension ServerConfiguration {
    /// What the HTTP application takes from the configuration; `port` replaces the configured one (tests pass 0).
    public func httpSettings(port: Int? = nil) -> HTTPSettings {
        HTTPSettings(
            host: bindAddress.host,
            port: port ?? bindAddress.port,
            maxBodyBytes: api.maxBodyBytes,
            openAIVoices: api.openAIVoices
        )
    }
}
