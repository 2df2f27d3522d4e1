public import Foundation

/// Turns a reference clip into its transcript, for clones uploaded without one.
public protocol ClipTranscriber: Sendable {
    /// The words spoken in the clip at `clip` (`language`: the voice's BCP 47 tag, a hint).
    func transcribe(_ clip: URL, language: String) async throws -> String
}
