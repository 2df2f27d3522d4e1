import Foundation
public import Logging
import SpeechCore

/// Everything the server reads from its TOML file, with built-in defaults.
///
/// Load it with ``load(file:environment:currentDirectory:)``; `config/ishowtts.example.toml` documents every key.
/// The memberwise defaults here are the built-in values *before* path resolution (paths stay relative).
public struct ServerConfiguration: Sendable, Equatable {
    /// Where the HTTP server listens (`bind_addr`).
    public var bindAddress: BindAddress
    /// Voice used when a request names none (`default_voice`); must be one of ``configuredVoiceIDs``.
    public var defaultVoice: String
    /// Directory for the database, voice clips and history audio (`data_dir`).
    public var dataDirectory: String
    /// Minimum level the server logs (`log_level`).
    public var logLevel: Logger.Level
    /// HTTP API limits (`[api]`).
    public var api: APISettings
    /// The CPU Piper engine and its voices (`[piper]`).
    public var piper: PiperSettings
    /// The F5-TTS engine and its cloned voices (`[f5]`).
    public var f5: F5Settings
    /// Twitch chat (`[twitch]`).
    public var twitch: TwitchSettings
    /// YouTube live chat (`[youtube]`).
    public var youtube: YouTubeSettings = YouTubeSettings()
    /// Chat to speech (`[chat]`) and the gateway's rules (`[gateway]`).
    public var chat: ChatSettings
    /// Installing models by name (`[models]`).
    public var models: ModelSettings = ModelSettings()
    /// Transcribing uploaded clips (`[transcriber]`).
    public var transcriber: TranscriberSettings = TranscriberSettings()
    /// Things a person should know about the file, such as keys that no longer do anything; the CLI logs them.
    public var notices: [String] = []

    /// The file the CLI reads when given none; pass `nil` to ``load(file:environment:currentDirectory:)`` when it does not exist.
    public static let defaultFilePath = "config/ishowtts.toml"

    /// Creates a configuration; every parameter defaults to its built-in value.
    public init(
        bindAddress: BindAddress = BindAddress(host: "127.0.0.1", port: 27121),
        defaultVoice: String = "joe",
        dataDirectory: String = "data",
        logLevel: Logger.Level = .info,
        api: APISettings = APISettings(),
        piper: PiperSettings = PiperSettings(),
        f5: F5Settings = F5Settings(),
        twitch: TwitchSettings = TwitchSettings(),
        chat: ChatSettings = ChatSettings()
    ) {
        self.bindAddress = bindAddress
        self.defaultVoice = defaultVoice
        self.dataDirectory = dataDirectory
        self.logLevel = logLevel
        self.api = api
        self.piper = piper
        self.f5 = f5
        self.twitch = twitch
        self.chat = chat
    }

    /// Tables whose keys another module reads (the gateway validates `[gateway]` itself).
    public static let passThroughTables = ["gateway"]

    /// The voice library's clips (`data_dir/voices/<id>/`).
    public var voicesDirectory: String { URL(fileURLWithPath: dataDirectory).appendingPathComponent("voices").path }

    /// Reference clips that override a voice's own (`data_dir/voice-overrides/<id>/`).
    public var voiceOverridesDirectory: String { URL(fileURLWithPath: dataDirectory).appendingPathComponent("voice-overrides").path }

    /// Models installed by name (`data_dir/models/<name>/`).
    public var modelsDirectory: String { URL(fileURLWithPath: dataDirectory).appendingPathComponent("models").path }

    /// The SQLite database: pending chat, history, saved settings.
    public var databasePath: String { URL(fileURLWithPath: dataDirectory).appendingPathComponent("ishowtts.sqlite").path }
}

// MARK: Voices

extension ServerConfiguration {
    /// Whether `name` is a model folder under ``modelsDirectory`` (the installer writes them whole, in one rename).
    public func isInstalledModel(_ name: String) -> Bool {
        guard Voice.isValidID(name) else { return false }
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: modelsDirectory + "/" + name, isDirectory: &isFolder) && isFolder.boolValue
    }
}

extension ServerConfiguration {
    /// Every voice id the configured engines provide, in configuration order.
    ///
    /// This is the one place that knows which engines declare voices: when another engine (F5) gets a voice list,
    /// append its ids here and ``load(file:environment:currentDirectory:)`` checks `default_voice` against them too.
    public var configuredVoiceIDs: [String] {
        piper.voices.map(\.id) + (f5.enabled ? f5.voices.map(\.id) : [])
    }

    /// Checks that `default_voice` names one of `knownIDs` or a model installed by name (`ishowtts models install`),
    /// which the composition root adds to the voices.
    ///
    /// Loading calls this with ``configuredVoiceIDs``; call it again once engines have reported the voices they
    /// actually loaded, if that set can differ from the configured one.
    public func validateVoices(knownIDs: some Sequence<String>) throws(ConfigurationError) {
        let known = Array(knownIDs)
        guard !known.contains(defaultVoice), !isInstalledModel(defaultVoice) else { return }
        let configured = known.isEmpty ? "none" : known.joined(separator: ", ")
        throw ConfigurationError(
            key: "default_voice",
            problem: "\(defaultVoice.quoted) names no configured voice (configured: \(configured))"
        )
    }
}
