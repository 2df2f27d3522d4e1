import Foundation
import Settings
import TestSupport

/// Real configuration files in a fresh temporary directory, for the configuration tests.
struct ConfigurationFixture {
    /// The temporary directory.
    let directory: URL

    /// Creates an empty temporary directory.
    init() throws {
        directory = try ProjectPaths.makeTemporaryDirectory("ishowtts-config-tests")
    }

    /// Writes `text` to `name` inside the directory (creating subdirectories) and returns the file's path.
    @discardableResult
    func write(_ text: String, to name: String = "ishowtts.toml") throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Removes the directory.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The error loading reports, or `nil` when it loads.
func loadingError(file: String?, environment: [String: String] = [:], currentDirectory: String = "/srv/tts") -> ConfigurationError? {
    do {
        _ = try ServerConfiguration.load(file: file, environment: environment, currentDirectory: currentDirectory)
        return nil
    } catch {
        return error
    }
}
