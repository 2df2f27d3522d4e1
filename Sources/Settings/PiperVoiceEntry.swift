import SpeechCore

/// One Piper voice to load (`[[piper.voices]]`).
public struct PiperVoiceEntry: Sendable, Equatable {
    /// Voice id that requests use (`id`): non-empty, `[A-Za-z0-9_.-]+`, unique among voices.
    public var id: String
    /// Path to the Piper `.onnx` model (`model`).
    public var model: String
    /// Path to the model's `.onnx.json` (`config`); `nil` means ``configPath``'s default, `model + ".json"`.
    public var config: String?
    /// Speaker of a multi-speaker model (`speaker`, >= 0); `nil` uses the model's default speaker.
    public var speaker: Int?
    /// Installed by name (`ishowtts models install`), not written in the file: it can be removed while the server runs.
    public var installed: Bool

    /// Creates an entry.
    public init(id: String, model: String, config: String? = nil, speaker: Int? = nil, installed: Bool = false) {
        self.id = id
        self.model = model
        self.config = config
        self.speaker = speaker
        self.installed = installed
    }

    /// The `.onnx.json` to read: ``config`` when set, else the model path plus `.json` (Piper's own convention).
    public var configPath: String {
        config ?? model + ".json"
    }

    /// Whether `id` is a valid voice id (the one rule: ``Voice/isValidID(_:)``).
    public static func isValidID(_ id: String) -> Bool { Voice.isValidID(id) }
}
