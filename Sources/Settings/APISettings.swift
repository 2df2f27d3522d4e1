/// Limits, keys and web access of the HTTP API (`[api]`).
///
/// How many syntheses run at once is an engine's business: see ``PiperSettings/maxParallel`` and
/// ``F5Settings/maxParallel``.
public struct APISettings: Sendable, Equatable {
    /// Longest accepted text, counted in Swift `Character`s (`max_text_chars`, 1...100 000).
    public var maxTextCharacters: Int
    /// Largest accepted request body (`max_body_bytes`, 1 KiB...512 MiB); voice uploads are the big ones.
    public var maxBodyBytes: Int

    /// Largest voice upload accepted (`max_upload_bytes`, 64 KiB...512 MiB): a clip for cloning, in any format.
    public var maxUploadBytes: Int

    /// Names `/v1/audio/speech` accepts as `voice`, mapped to voice ids (`openai_voices = { alloy = "joe" }`); OpenAI's
    /// own names not listed here speak with the default voice.
    public var openAIVoices: [String: String]

    /// Keys that may do everything (`admin_keys`); with no key at all, the API is open (to loopback by default).
    public var adminKeys: [String]
    /// Keys that may only read the playback stream, the events and queued audio (`player_keys`): the key an OBS
    /// browser source carries in its URL.
    public var playerKeys: [String]
    /// Web origins (`https://panel.example`) whose pages may call the API from a browser (`cors_origins`).
    public var corsOrigins: [String]
    /// Host names the server answers to besides loopback names and IP addresses (`allowed_hosts`), e.g. a LAN name;
    /// `["*"]` answers to any (turns off the DNS-rebinding guard).
    public var allowedHosts: [String]

    /// Seconds a connection may stay silent: before its request's header is complete, and between requests
    /// (`idle_timeout_s`, 1...3600).
    public var idleTimeoutSeconds: Int
    /// Seconds a request body may take to arrive in full (`body_timeout_s`, 1...3600).
    public var bodyTimeoutSeconds: Int
    /// Open connections at most (`max_connections`, 1...65536); more wait until one closes.
    public var maxConnections: Int
    /// Syntheses one client address may run at once across the synthesis routes (`max_syntheses_per_client`, 1...1024).
    public var maxSynthesesPerClient: Int
    /// Memory for finished syntheses that a repeat of the same text, voice and options replays, in MiB
    /// (`audio_cache_mb`, 0...16384; 0 turns the cache off). Every API and the chat dispatcher share it.
    public var audioCacheMegabytes: Int

    /// Allowed range of ``maxTextCharacters``.
    public static let maxTextCharactersRange = 1...100_000
    /// Allowed range of ``maxUploadBytes``.
    public static let maxUploadBytesRange = 65_536...(512 * 1024 * 1024)
    /// Allowed range of ``maxBodyBytes``.
    public static let maxBodyBytesRange = 1024...(512 * 1024 * 1024)
    /// Allowed range of the timeouts.
    public static let timeoutSecondsRange = 1...3600
    /// Allowed range of ``audioCacheMegabytes``.
    public static let audioCacheMegabytesRange = 0...16_384
    /// Allowed range of ``maxSynthesesPerClient``.
    public static let maxSynthesesPerClientRange = 1...1024
    /// Allowed range of ``maxConnections``.
    public static let maxConnectionsRange = 1...65_536
    /// The shortest key accepted, so a key cannot be guessed by trying.
    public static let minimumKeyLength = 16

    /// The folder of the control panel and the OBS overlay (`web_dir`): served at `/`, `/overlay` and `/ui/`.
    public var webDirectory: String = "web"

    /// Creates settings; every parameter defaults to its built-in value.
    public init(
        maxTextCharacters: Int = 500,
        maxBodyBytes: Int = 1_048_576,
        maxUploadBytes: Int = 20 * 1_048_576,
        openAIVoices: [String: String] = [:],
        adminKeys: [String] = [],
        playerKeys: [String] = [],
        corsOrigins: [String] = [],
        allowedHosts: [String] = [],
        idleTimeoutSeconds: Int = 30,
        bodyTimeoutSeconds: Int = 60,
        maxConnections: Int = 512,
        maxSynthesesPerClient: Int = 8,
        audioCacheMegabytes: Int = 64
    ) {
        self.maxTextCharacters = maxTextCharacters
        self.maxBodyBytes = maxBodyBytes
        self.maxUploadBytes = maxUploadBytes
        self.openAIVoices = openAIVoices
        self.adminKeys = adminKeys
        self.playerKeys = playerKeys
        self.corsOrigins = corsOrigins
        self.allowedHosts = allowedHosts
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.bodyTimeoutSeconds = bodyTimeoutSeconds
        self.maxConnections = maxConnections
        self.maxSynthesesPerClient = maxSynthesesPerClient
        self.audioCacheMegabytes = audioCacheMegabytes
    }
}

extension APISettings: CustomStringConvertible {
    /// Everything but the keys' values, so a logged configuration never carries a secret.
    public var description: String {
        "APISettings(max_text_chars: \(maxTextCharacters), max_body_bytes: \(maxBodyBytes), max_upload_bytes: \(maxUploadBytes), openai_voices: \(openAIVoices), "
            + "admin_keys: \(adminKeys.count) set, player_keys: \(playerKeys.count) set, cors_origins: \(corsOrigins), "
            + "allowed_hosts: \(allowedHosts), idle_timeout_s: \(idleTimeoutSeconds), body_timeout_s: \(bodyTimeoutSeconds), "
            + "max_connections: \(maxConnections), max_syntheses_per_client: \(maxSynthesesPerClient), audio_cache_mb: \(audioCacheMegabytes), "
            + "web_dir: \(webDirectory))"
    }
}
