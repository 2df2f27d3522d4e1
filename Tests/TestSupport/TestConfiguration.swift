import Foundation
public import Settings

extension ServerConfiguration {
    /// The built-in configuration with the installed Piper voice as `joe` (the default voice) and the shared test
    /// cache; every path absolute, so it works from any directory.
    public static func piperOnlyForTests() -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.piper.voices = [PiperVoiceEntry(id: "joe", model: ProjectPaths.defaultPiperModel.path)]
        return configuration
    }
}
