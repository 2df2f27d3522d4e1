/// Where the HTTP server listens and what it accepts; the composition root fills it from the configuration.
public struct HTTPSettings: Sendable, Equatable {
    /// Host name or IP address to bind (`::1` without brackets).
    public var host: String
    /// TCP port; 0 asks the system for a free one.
    public var port: Int
    /// Largest request body accepted, in bytes.
    public var maxBodyBytes: Int
    /// Largest voice upload accepted, in bytes.
    public var maxUploadBytes: Int
    /// OpenAI voice names (or any other names) → voice ids, for `/v1/audio/speech`.
    public var openAIVoices: [String: String]
    /// The API keys; none means the API is open.
    public var keys: APIKeys
    /// Which web pages may call the API.
    public var webOrigins: WebOriginPolicy
    /// How long a connection may stay silent before its request head is complete, and between requests.
    public var idleTimeout: Duration
    /// How long a request body may take to arrive in full.
    public var bodyTimeout: Duration
    /// Open connections at most; more wait until one closes.
    public var maxConnections: Int
    /// Syntheses one client address may run at once.
    public var maxSynthesesPerClient: Int
    /// The folder with the control panel and the overlay (`index.html`, `overlay.html`, their scripts); `nil` serves none.
    public var webDirectory: String?

    /// Creates settings; the security settings default to an open API on loopback with the built-in limits.
    public init(
        host: String,
        port: Int,
        maxBodyBytes: Int,
        maxUploadBytes: Int = 20 * 1_048_576,
        openAIVoices: [String: String] = [:],
        keys: APIKeys = APIKeys(),
        webOrigins: WebOriginPolicy = WebOriginPolicy(),
        idleTimeout: Duration = .seconds(30),
        bodyTimeout: Duration = .seconds(60),
        maxConnections: Int = 512,
        maxSynthesesPerClient: Int = 8,
        webDirectory: String? = nil
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.maxUploadBytes = maxUploadBytes
        self.openAIVoices = openAIVoices
        self.keys = keys
        self.webOrigins = webOrigins
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
        self.maxConnections = maxConnections
        self.maxSynthesesPerClient = maxSynthesesPerClient
        self.webDirectory = webDirectory
    }

    /// Whether `host` is reachable only from this machine.
    public var isLoopbackOnly: Bool {
        let name = host.lowercased()
        return name == "localhost" || name == "::1" || name.hasPrefix("127.")
    }

    /// The JSON body reader with these limits.
    var jsonBody: JSONBody { JSONBody(maxBytes: maxBodyBytes, timeout: bodyTimeout) }
}
