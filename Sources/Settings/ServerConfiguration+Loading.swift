import Foundation
import Logging
import TOMLKit

extension ServerConfiguration {
    /// Loads the configuration: built-in defaults, then the TOML `file`, then `ISHOWTTS__…` environment overrides.
    ///
    /// Keys missing from the file keep their defaults; a `[[piper.voices]]` list replaces the default voice.
    /// Every key can be overridden as `ISHOWTTS__KEY` or `ISHOWTTS__SECTION__KEY` (names case-insensitive); the
    /// value is read as the key's type, JSON for arrays (`ISHOWTTS__PIPER__VOICES='[{"id":"x","model":"/m.onnx"}]'`),
    /// and an empty value unsets an optional key. Unknown keys, in the file or the environment, are errors.
    ///
    /// Paths come back absolute. Relative paths written in the file resolve against the file's directory; built-in
    /// defaults and environment values resolve against `currentDirectory` (so with no file, everything does).
    ///
    /// Finally `default_voice` is checked against ``configuredVoiceIDs`` (see ``validateVoices(knownIDs:)``).
    ///
    /// ```swift
    /// let path = ServerConfiguration.defaultFilePath
    /// let configuration = try ServerConfiguration.load(
    ///     file: FileManager.default.fileExists(atPath: path) ? path : nil,
    ///     environment: ProcessInfo.processInfo.environment
    /// )
    /// ```
    /// - Parameters:
    ///   - file: The TOML file to read, or `nil` for built-in defaults. A file that cannot be read is an error.
    ///   - environment: The process environment; variables without the `ISHOWTTS__` prefix are ignored.
    ///   - currentDirectory: Base for relative defaults and environment paths; `nil` means the process's current directory.
    /// - Throws: ``ConfigurationError`` naming the key and where its value came from.
    public static func load(
        file: String?,
        environment: [String: String],
        currentDirectory: String? = nil
    ) throws(ConfigurationError) -> ServerConfiguration {
        try load(file: file, environment: environment, currentDirectory: currentDirectory, keyLog: nil)
    }

    /// ``load(file:environment:currentDirectory:)``, recording every key read into `keyLog`.
    static func load(
        file: String?,
        environment: [String: String],
        currentDirectory: String?,
        keyLog: ConfigurationKeyLog?
    ) throws(ConfigurationError) -> ServerConfiguration {
        let currentDirectory = currentDirectory ?? FileManager.default.currentDirectoryPath
        var tree = ConfigValue.table([:])
        var text: String?
        var fileDirectory: String?
        if let file {
            // A relative `file` is relative to `currentDirectory`, like everything else given on the command line.
            let absolute = URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
                .standardizedFileURL
            let contents = try readFile(absolute.path, named: file)
            tree = try parseTOML(contents, file: file)
            text = contents
            fileDirectory = absolute.deletingLastPathComponent().path
        }
        let overrides = try EnvironmentOverrides(environment: environment)
        try overrides.apply(to: &tree)
        let context = ConfigurationContext(
            fileDirectory: fileDirectory,
            currentDirectory: currentDirectory,
            overrides: overrides,
            keyLog: keyLog
        )

        do {
            var root = try ConfigTableReader(tree, path: "", context: context)
            let configuration = try decode(&root)
            try configuration.validateVoices(knownIDs: configuration.configuredVoiceIDs)
            return configuration
        } catch {
            throw attributed(error, overrides: overrides, file: file, text: text)
        }
    }

    // MARK: Reading the file

    /// Reads `path`; messages show `name`, the file as the user spelled it.
    private static func readFile(_ path: String, named name: String) throws(ConfigurationError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file as UTF-8 text" : "file not found"
            throw ConfigurationError(source: .file(path: name, line: nil, column: nil), problem: reason)
        }
    }

    private static func parseTOML(_ text: String, file: String) throws(ConfigurationError) -> ConfigValue {
        do {
            return ConfigValue(try TOMLTable(string: text))
        } catch let error as TOMLParseError {
            let position = error.source.begin
            throw ConfigurationError(
                source: .file(path: file, line: position.line, column: position.column),
                problem: "TOML syntax error: \(error.description)"
            )
        } catch {
            throw ConfigurationError(source: .file(path: file, line: nil, column: nil), problem: "TOML syntax error: \(error)")
        }
    }

    /// Fills in where the offending value came from: the environment variable that set it, else the file (with the
    /// key's line when it can be found), else nothing (a built-in default).
    private static func attributed(
        _ error: ConfigurationError,
        overrides: EnvironmentOverrides,
        file: String?,
        text: String?
    ) -> ConfigurationError {
        guard error.source == nil, let key = error.key else { return error }
        var error = error
        if let variable = overrides.variable(forKey: key) {
            error.source = .environment(variable: variable)
        } else if let file, let text, let line = TOMLLineLocator(text: text).line(of: key) {
            error.source = .file(path: file, line: line, column: nil)
        } else if let file, key != "default_voice" {
            // Not written in the file (say, a required key missing from a voice): the file is still the place to fix it.
            error.source = .file(path: file, line: nil, column: nil)
        }
        return error
    }

    // MARK: Decoding

    private static func decode(_ root: inout ConfigTableReader) throws(ConfigurationError) -> ServerConfiguration {
        let defaults = ServerConfiguration()
        var configuration = defaults
        configuration.bindAddress = try bindAddress(&root, default: defaults.bindAddress)
        configuration.defaultVoice = try root.string("default_voice", default: defaults.defaultVoice)
        configuration.dataDirectory = try root.path("data_dir", default: defaults.dataDirectory)
        configuration.logLevel = try logLevel(&root, default: defaults.logLevel)

        var api = try root.table("api")
        configuration.api = try decodeAPI(&api)
        try api.finish()

        var piper = try root.table("piper")
        configuration.piper = try decodePiper(&piper, notices: &configuration.notices)
        try piper.finish()

        var f5 = try root.table("f5")
        configuration.f5 = try decodeF5(&f5, otherVoiceIDs: configuration.piper.voices.map(\.id))
        try f5.finish()

        var twitch = try root.table("twitch")
        configuration.twitch = try decodeTwitch(&twitch)
        try twitch.finish()

        var youtube = try root.table("youtube")
        configuration.youtube = try decodeYouTube(&youtube)
        try youtube.finish()

        var chat = try root.table("chat")
        configuration.chat = try decodeChat(&chat)
        try chat.finish()
        configuration.chat.gatewayRules = try root.passThroughJSON("gateway")

        var models = try root.table("models")
        configuration.models = try decodeModels(&models)
        try models.finish()

        if configuration.f5.enabled && configuration.f5.mode == .checkpoint && !configuration.isInstalledModel(F5Settings.installedWeightsName) {
            if configuration.f5.checkpoint == nil { throw .missing("f5.checkpoint", hint: F5Settings.installHint) }
            if configuration.f5.vocab == nil { throw .missing("f5.vocab", hint: F5Settings.installHint) }
        }

        var transcriber = try root.table("transcriber")
        configuration.transcriber = try decodeTranscriber(&transcriber)
        try transcriber.finish()

        try root.finish()
        return configuration
    }

    private static func decodeTranscriber(_ table: inout ConfigTableReader) throws(ConfigurationError) -> TranscriberSettings {
        let defaults = TranscriberSettings()
        return TranscriberSettings(
            model: try table.optionalPath("model"),
            python: try table.path("python", default: defaults.python),
            script: try table.path("script", default: defaults.script),
            timeoutSeconds: try table.integer("timeout_s", default: defaults.timeoutSeconds, in: TranscriberSettings.timeoutSecondsRange)
        )
    }

    private static func bindAddress(_ root: inout ConfigTableReader, default defaultValue: BindAddress) throws(ConfigurationError) -> BindAddress {
        guard let text = try root.optionalString("bind_addr") else { return defaultValue }
        switch BindAddress.parse(text) {
        case .success(let address): return address
        case .failure(let reason):
            throw ConfigurationError(key: "bind_addr", problem: "invalid bind address \(text.quoted): \(reason)")
        }
    }

    private static func logLevel(_ root: inout ConfigTableReader, default defaultValue: Logger.Level) throws(ConfigurationError) -> Logger.Level {
        guard let text = try root.optionalString("log_level") else { return defaultValue }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            let allowed = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(key: "log_level", problem: "expected one of \(allowed), got \(text.quoted)")
        }
        return level
    }

    private static func decodeAPI(_ table: inout ConfigTableReader) throws(ConfigurationError) -> APISettings {
        let defaults = APISettings()
        try table.moved("max_parallel", to: "piper.max_parallel and f5.max_parallel (each engine admits what it can use)")
        let timeouts = APISettings.timeoutSecondsRange
        var settings = APISettings(
            maxTextCharacters: try table.integer(
                "max_text_chars",
                default: defaults.maxTextCharacters,
                in: APISettings.maxTextCharactersRange
            ),
            maxBodyBytes: try table.integer("max_body_bytes", default: defaults.maxBodyBytes, in: APISettings.maxBodyBytesRange),
            maxUploadBytes: try table.integer("max_upload_bytes", default: defaults.maxUploadBytes, in: APISettings.maxUploadBytesRange),
            openAIVoices: try table.stringTable("openai_voices"),
            adminKeys: try apiKeys("admin_keys", in: &table),
            playerKeys: try apiKeys("player_keys", in: &table),
            corsOrigins: try corsOrigins(in: &table),
            allowedHosts: try table.stringArray("allowed_hosts", default: defaults.allowedHosts).map { $0.lowercased() },
            idleTimeoutSeconds: try table.integer("idle_timeout_s", default: defaults.idleTimeoutSeconds, in: timeouts),
            bodyTimeoutSeconds: try table.integer("body_timeout_s", default: defaults.bodyTimeoutSeconds, in: timeouts),
            maxConnections: try table.integer("max_connections", default: defaults.maxConnections, in: APISettings.maxConnectionsRange),
            maxSynthesesPerClient: try table.integer(
                "max_syntheses_per_client",
                default: defaults.maxSynthesesPerClient,
                in: APISettings.maxSynthesesPerClientRange
            ),
            audioCacheMegabytes: try table.integer(
                "audio_cache_mb",
                default: defaults.audioCacheMegabytes,
                in: APISettings.audioCacheMegabytesRange
            )
        )
        settings.webDirectory = try table.path("web_dir", default: defaults.webDirectory)
        return settings
    }

    /// Keys long enough not to be guessed, without spaces (they travel in headers and URLs).
    private static func apiKeys(_ key: String, in table: inout ConfigTableReader) throws(ConfigurationError) -> [String] {
        let keys = try table.stringArray(key, default: [])
        for (index, value) in keys.enumerated() {
            guard value.count >= APISettings.minimumKeyLength, value.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw ConfigurationError(
                    key: "api.\(key)[\(index)]",
                    problem: "a key must be at least \(APISettings.minimumKeyLength) printable ASCII characters without spaces"
                )
            }
        }
        return keys
    }

    /// `scheme://host[:port]` origins, as browsers send them in `Origin`.
    private static func corsOrigins(in table: inout ConfigTableReader) throws(ConfigurationError) -> [String] {
        let origins = try table.stringArray("cors_origins", default: [])
        for (index, origin) in origins.enumerated() {
            let parts = origin.split(separator: "://", maxSplits: 1)
            guard parts.count == 2, ["http", "https"].contains(parts[0].lowercased()), !parts[1].isEmpty, !parts[1].contains("/") else {
                throw ConfigurationError(
                    key: "api.cors_origins[\(index)]",
                    problem: "expected an origin like \"https://example.com\" or \"http://localhost:3000\", got \(origin.quoted)"
                )
            }
        }
        return origins.map { $0.lowercased() }
    }

    private static func decodeTwitch(_ table: inout ConfigTableReader) throws(ConfigurationError) -> TwitchSettings {
        let defaults = TwitchSettings()
        var settings = defaults
        if let server = try table.optionalString("server") {
            switch BindAddress.parse(server) {
            case .success(let address): settings.server = address
            case .failure(let reason): throw ConfigurationError(key: "twitch.server", problem: "invalid server \(server.quoted): \(reason)")
            }
        }
        settings.tls = try table.bool("tls", default: defaults.tls)
        settings.tlsCAFile = try table.optionalPath("tls_ca_file")
        settings.login = try table.optionalString("login")
        settings.oauthToken = try table.optionalString("oauth_token")
        settings.channels = try table.stringArray("channels", default: defaults.channels)
        settings.transport = try table.string("transport", default: defaults.transport)
        guard TwitchSettings.transports.contains(settings.transport) else {
            throw ConfigurationError(
                key: "twitch.transport",
                problem: "\(settings.transport.quoted) is not one of \(TwitchSettings.transports.joined(separator: ", "))"
            )
        }
        settings.clientID = try table.optionalString("client_id")
        settings.eventSubURL = try table.endpoint("eventsub_url", default: defaults.eventSubURL)
        settings.helixURL = try table.endpoint("helix_url", default: defaults.helixURL)
        settings.authURL = try table.endpoint("auth_url", default: defaults.authURL)
        if settings.transport == "eventsub", settings.clientID == nil {
            throw ConfigurationError(key: "twitch.client_id", problem: "transport \"eventsub\" needs the client_id of your Twitch application")
        }
        return settings
    }

    private static func decodeYouTube(_ table: inout ConfigTableReader) throws(ConfigurationError) -> YouTubeSettings {
        let defaults = YouTubeSettings()
        var settings = defaults
        settings.apiURL = try table.endpoint("api_url", default: defaults.apiURL)
        settings.apiKey = try table.optionalString("api_key")
        settings.clientID = try table.optionalString("client_id")
        settings.clientSecret = try table.optionalString("client_secret")
        settings.deviceCodeURL = try table.endpoint("device_code_url", default: defaults.deviceCodeURL)
        settings.tokenURL = try table.endpoint("token_url", default: defaults.tokenURL)
        settings.streams = try table.stringArray("streams", default: defaults.streams)
        settings.dailyQuota = try table.integer("daily_quota", default: defaults.dailyQuota, in: YouTubeSettings.dailyQuotaRange)
        settings.streamHours = try table.optionalDouble("stream_hours", in: YouTubeSettings.streamHoursRange) ?? defaults.streamHours
        return settings
    }

    private static func decodeChat(_ table: inout ConfigTableReader) throws(ConfigurationError) -> ChatSettings {
        let defaults = ChatSettings()
        var settings = defaults
        settings.renderAhead = try table.integer("render_ahead", default: defaults.renderAhead, in: ChatSettings.renderAheadRange)
        settings.itemTimeoutSeconds = try table.integer("item_timeout_s", default: defaults.itemTimeoutSeconds, in: ChatSettings.secondsRange)
        settings.maxSpeakingSeconds = try table.integer("max_speaking_s", default: defaults.maxSpeakingSeconds, in: ChatSettings.secondsRange)
        settings.gapMilliseconds = try table.integer("gap_ms", default: defaults.gapMilliseconds, in: ChatSettings.gapRange)
        if try table.bool("loudness_matching", default: true) {
            settings.loudnessTargetDecibels =
                try table.optionalDouble("loudness_target_db", in: ChatSettings.loudnessRange) ?? defaults.loudnessTargetDecibels
        } else {
            _ = try table.optionalDouble("loudness_target_db", in: ChatSettings.loudnessRange)
            settings.loudnessTargetDecibels = nil
        }
        settings.historyDays = try table.integer("history_days", default: defaults.historyDays, in: ChatSettings.historyDaysRange)
        return settings
    }

    private static func decodePiper(_ table: inout ConfigTableReader, notices: inout [String]) throws(ConfigurationError) -> PiperSettings {
        let defaults = PiperSettings()
        var settings = defaults
        settings.numThreads = try table.integer("num_threads", default: defaults.numThreads, in: PiperSettings.numThreadsRange)
        settings.maxParallel = try table.optionalInteger("max_parallel", in: PiperSettings.maxParallelRange)
        settings.noiseScale = try table.optionalDouble("noise_scale", in: PiperSettings.noiseRange)
        settings.noiseW = try table.optionalDouble("noise_w", in: PiperSettings.noiseRange)
        settings.lengthScale = try table.optionalDouble("length_scale", in: PiperSettings.lengthScaleRange)
        settings.splitFirstClause = try table.bool("split_first_clause", default: defaults.splitFirstClause)
        if table.retired("cache_dir") {
            notices.append("piper.cache_dir is no longer used (Piper voices load as they are, nothing is cached); remove it")
        }

        if let voiceTables = try table.tables("voices") {
            settings.voices = try decodeVoices(voiceTables)
        } else {
            settings.voices = defaults.voices.map { voice in
                var voice = voice
                voice.model = table.context.resolve(voice.model, key: "piper.voices", isDefault: true)
                voice.config = voice.config.map { table.context.resolve($0, key: "piper.voices", isDefault: true) }
                return voice
            }
        }
        return settings
    }

    private static func decodeVoices(_ tables: [ConfigTableReader]) throws(ConfigurationError) -> [PiperVoiceEntry] {
        var voices: [PiperVoiceEntry] = []
        var firstIndex: [String: Int] = [:]
        for (index, var table) in tables.enumerated() {
            let id = try table.voiceID(in: "piper.voices", index: index, seen: &firstIndex)
            let voice = PiperVoiceEntry(
                id: id,
                model: try table.requiredPath("model"),
                config: try table.optionalPath("config"),
                speaker: try table.optionalInteger("speaker", in: 0...Int.max)
            )
            try table.finish()
            voices.append(voice)
        }
        return voices
    }
}
