/// Names a speech engine, e.g. `piper` or `f5`; the string form is what the HTTP API shows.
public struct EngineID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The engine's API name.
    public let rawValue: String

    /// Creates an engine id from its API name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Piper/VITS voices through ONNX Runtime, on the CPU.
    public static let piper = EngineID(rawValue: "piper")
    /// F5-TTS voice cloning in GPU worker processes.
    public static let f5 = EngineID(rawValue: "f5")

    public var description: String { rawValue }
}
