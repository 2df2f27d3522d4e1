import Foundation
import TestSupport
import Testing

/// `ishowtts models` as a user runs it, against a catalog server on 127.0.0.1.
@Suite(.timeLimit(.minutes(2))) struct ModelsCommandTests {
    let binary = ProjectPaths.builtProduct("ishowtts")

    @Test func listInstallDoctorAndRemoveByName() async throws {
        let catalog = try await ModelCatalogTestServer.start()
        let data = try ProjectPaths.makeTemporaryDirectory("ishowtts-cli-models")
        defer {
            try? FileManager.default.removeItem(at: data)
            Task { await catalog.stop() }
        }
        try catalog.backend.addDefaultVoice(as: "zh_CN-joe-medium", languageCode: "zh_CN", languageName: "Chinese")
        try catalog.backend.addDefaultVoice(as: "en_GB-joe-medium", languageCode: "en_GB", languageName: "English")
        let environment = [
            "ISHOWTTS__PIPER__VOICES": #"[{"id":"joe","model":"\#(ProjectPaths.defaultPiperModel.path)"}]"#,
            "ISHOWTTS__DATA_DIR": data.path,
            "ISHOWTTS__MODELS__PIPER_CATALOG_URL": catalog.piperCatalogURL,
            "ISHOWTTS__MODELS__PIPER_FILES_URL": catalog.piperFilesURL,
            "ISHOWTTS__MODELS__HUB_URL": catalog.hubURL,
        ]

        let listed = try await runProcess(binary, ["models", "list", "--language", "zh"], environment: environment)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("  zh_CN-joe-medium"))
        #expect(listed.stdout.contains("f5-v1-base"))
        #expect(!listed.stdout.contains("en_GB-joe-medium"))

        let installed = try await runProcess(binary, ["models", "install", "zh_CN-joe-medium", "--yes"], environment: environment)
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(installed.stdout.contains("zh_CN-joe-medium: licence: CC0"))
        #expect(installed.stdout.contains("zh_CN-joe-medium: installed in \(data.path)/models/zh_CN-joe-medium"))
        let again = try await runProcess(binary, ["models", "list"], environment: environment)
        #expect(again.stdout.contains("* zh_CN-joe-medium"))

        let doctor = try await runProcess(binary, ["doctor"], environment: environment)
        #expect(doctor.stdout.contains("ok    model zh_CN-joe-medium: piper_voice, zh-CN"))
        #expect(doctor.stdout.contains("ok    piper voice zh_CN-joe-medium: zh-CN, 22050 Hz"))
        #expect(doctor.stdout.contains("--    f5 weights: for F5 the server still needs checkpoint and vocab: `ishowtts models install f5-v1-base`"))

        let unknown = try await runProcess(binary, ["models", "install", "xx_XX-nobody-low", "--yes"], environment: environment)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no model called \"xx_XX-nobody-low\""))

        let removed = try await runProcess(binary, ["models", "remove", "zh_CN-joe-medium"], environment: environment)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("models/zh_CN-joe-medium").path))
        let twice = try await runProcess(binary, ["models", "remove", "zh_CN-joe-medium"], environment: environment)
        #expect(twice.status == 2)
    }
}
