public import APIServer
public import Settings

extension ServerConfiguration {
    /// What the HTTP application takes from the configuration; `port` replaces the configured one (tests pass 0).
    public func httpSettings(port: Int? = nil) -> HTTPSettings {
        HTTPSettings(
            host: bindAddress.host,
            port: port ?? bindAddress.port,
            maxBodyBytes: api.maxBodyBytes,
            maxUploadBytes: api.maxUploadBytes,
            openAIVoices: api.openAIVoices,
            keys: APIKeys(admin: api.adminKeys, player: api.playerKeys),
            webOrigins: WebOriginPolicy(corsOrigins: api.corsOrigins, allowedHosts: api.allowedHosts),
            idleTimeout: .seconds(api.idleTimeoutSeconds),
            bodyTimeout: .seconds(api.bodyTimeoutSeconds),
            maxConnections: api.maxConnections,
            maxSynthesesPerClient: api.maxSynthesesPerClient,
            webDirectory: api.webDirectory
        )
    }
}
