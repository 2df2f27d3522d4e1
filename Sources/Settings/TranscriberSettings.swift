/// Transcribing uploaded clips when a voice is cloned without its transcript (`[transcriber]`), as official F5-TTS
/// does: Whisper through faster-whisper, run by `scripts/transcribe.py` in a Python that has it.
public struct TranscriberSettings: Sendable, Equatable {
    /// A CTranslate2 Whisper model folder (`model`); `nil` (the default) means no transcriber: uploads must carry
    /// their transcript.
    public var model: String?
    /// The Python that runs the script and has `faster-whisper` (`python`).
    public var python: String
    /// The transcription script (`script`).
    public var script: String
    /// Seconds one transcription may take (`timeout_s`, 1...600).
    public var timeoutSeconds: Int

    /// Allowed range of ``timeoutSeconds``.
    public static let timeoutSecondsRange = 1...600

    /// Creates settings; every parameter defaults to its built-in value (paths relative to the current directory).
    public init(model: String? = nil, python: String = ".venv/bin/python", script: String = "scripts/transcribe.py", timeoutSeconds: Int = 120) {
        self.model = model
        self.python = python
        self.script = script
        self.timeoutSeconds = timeoutSeconds
    }
}
