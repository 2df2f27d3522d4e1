/// YouTube live chat through the Data API v3 (`[youtube]`).
public struct YouTubeSettings: Sendable, Equatable {
    /// The Data API's base address (`api_url`); tests point it at a local server.
    public var apiURL: String
    /// The Google Cloud project's API key (`api_key`); never logged. Reads any public live chat.
    public var apiKey: String?
    /// OAuth client id of the project's "TVs and Limited Input devices" client (`client_id`), for `ishowtts youtube login`.
    public var clientID: String?
    /// That client's secret (`client_secret`); never logged.
    public var clientSecret: String?
    /// Google's device-code endpoint (`device_code_url`).
    public var deviceCodeURL: String
    /// Google's token endpoint (`token_url`).
    public var tokenURL: String
    /// Streams read at start (`streams`): video ids, watch addresses, or `mine` (the signed-in channel's broadcast).
    public var streams: [String]
    /// The project's daily quota in units (`daily_quota`, Google's default 10,000).
    public var dailyQuota: Int
    /// How long a stream usually lasts, in hours (`stream_hours`): polling slows so the quota lasts that long.
    public var streamHours: Double

    /// Allowed range of ``dailyQuota``.
    public static let dailyQuotaRange = 100...100_000_000
    /// Allowed range of ``streamHours``.
    public static let streamHoursRange = 0.25...48.0

    /// Creates settings; every parameter defaults to its built-in value.
    public init(
        apiURL: String = "https://www.googleapis.com/youtube/v3",
        apiKey: String? = nil,
        clientID: String? = nil,
        clientSecret: String? = nil,
        deviceCodeURL: String = "https://oauth2.googleapis.com/device/code",
        tokenURL: String = "https://oauth2.googleapis.com/token",
        streams: [String] = [],
        dailyQuota: Int = 10_000,
        streamHours: Double = 4
    ) {
        self.apiURL = apiURL
        self.apiKey = apiKey
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.deviceCodeURL = deviceCodeURL
        self.tokenURL = tokenURL
        self.streams = streams
        self.dailyQuota = dailyQuota
        self.streamHours = streamHours
    }
}

extension YouTubeSettings: CustomStringConvertible {
    /// Everything but the secrets.
    public var description: String {
        "YouTubeSettings(api_url: \(apiURL), api_key: \(apiKey == nil ? "none" : "set"), client_id: \(clientID ?? "none"), "
            + "client_secret: \(clientSecret == nil ? "none" : "set"), streams: \(streams), daily_quota: \(dailyQuota), stream_hours: \(streamHours))"
    }
}
