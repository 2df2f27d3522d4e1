public import Foundation

/// An item's audio, ready to play: loudness-matched, cut to the longest speaking time, encoded as WAV.
public struct RenderedSpeech: Sendable, Equatable {
    /// The WAV file.
    public let wav: Data
    /// Its length in seconds.
    public let duration: Double
    /// What is said (the spoken line, template applied).
    public let caption: String
    /// The voice that said it.
    public let voiceID: String
    /// How long synthesis took, in seconds.
    public let renderSeconds: Double
}
