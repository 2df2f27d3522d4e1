import Foundation
public import Settings

extension ServerConfiguration {
    /// The built-in configuration with the installed Piper voice as `joe` (the default voice) and a new, empty data
    /// directory (the chat database); every path absolute, so it works from any directory.
    public static func piperOnlyForTests() -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ishowtts-data-\(UUID().uuidString)").path
        configuration.piper.voices = [PiperVoiceEntry(id: "joe", model: ProjectPaths.defaultPiperModel.path)]
        return configuration
    }
}
