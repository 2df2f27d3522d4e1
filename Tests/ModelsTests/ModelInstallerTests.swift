import Foundation
import Models
import TestSupport
import Testing

/// Installing by name from a catalog server on 127.0.0.1: what a user runs as `ishowtts models install`.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ModelInstallerTests {
    @Test func theCatalogListsPiperVoicesWithLanguagesAndSizesAndTheF5Weights() async throws {
        let fixture = try await ModelFixture.start()
        defer { Task { await fixture.stop() } }
        let entries = try await fixture.installer.catalog()
        #expect(entries.map(\.name) == ["de_DE-joe-medium", "en_US-joe-medium", "zh_CN-joe-medium", "f5-v1-base", "vocos-mel-24khz"])
        let chinese = try #require(entries.first { $0.name == "zh_CN-joe-medium" })
        #expect(chinese.languages == ["zh-CN"])
        #expect(chinese.speaks("zh") && chinese.speaks("zh-CN") && !chinese.speaks("en"))
        #expect(
            chinese.sizeBytes == Int64(try #require(ModelFixture.joe).model.count)
                + Int64(chinese.files.filter { !$0.name.hasSuffix(".onnx") }.compactMap(\.sizeBytes).reduce(0, +))
        )
        #expect(chinese.summary == "Chinese (Test), joe, medium")
        #expect(entries.first { $0.name == "f5-v1-base" }?.requires == ["vocos-mel-24khz"])
        #expect(entries.first { $0.name == "f5-v1-base" }?.license?.contains("non-commercial") == true)
    }

    @Test func aVoiceInstallsWholeWithItsLicenceAndGoesAgainOnRemove() async throws {
        let fixture = try await ModelFixture.start()
        defer { Task { await fixture.stop() } }
        let installed = try await fixture.installer.install("zh_CN-joe-medium")
        let model = try #require(installed.last)
        #expect(installed.map(\.name) == ["zh_CN-joe-medium"])
        #expect(model.files.sorted() == ["MODEL_CARD", "zh_CN-joe-medium.onnx", "zh_CN-joe-medium.onnx.json"])
        #expect(model.license == "CC0 (dataset: https://example.invalid/zh_CN-joe-medium)")
        #expect(try Data(contentsOf: model.file("zh_CN-joe-medium.onnx")) == ModelFixture.joe?.model)
        #expect(fixture.installer.installed().map(\.name) == ["zh_CN-joe-medium"])
        #expect(try await fixture.installer.install("zh_CN-joe-medium").isEmpty)  // already there: nothing downloaded
        #expect(fixture.requests(for: ".onnx").count == 1)

        try await fixture.installer.remove("zh_CN-joe-medium")
        #expect(fixture.installer.installed().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: model.folder.path))
        await #expect(throws: ModelInstallError(.notInstalled, "zh_CN-joe-medium is not installed")) {
            try await fixture.installer.remove("zh_CN-joe-medium")
        }
    }

    @Test func aDroppedConnectionIsResumedWhereItBroke() async throws {
        let fixture = try await ModelFixture.start()
        defer { Task { await fixture.stop() } }
        fixture.server.backend.dropConnection(of: "zh_CN-joe-medium.onnx", after: 20 << 20)
        let model = try #require(try await fixture.installer.install("zh_CN-joe-medium").last)
        #expect(try Data(contentsOf: model.file("zh_CN-joe-medium.onnx")) == ModelFixture.joe?.model)
        let requests = fixture.requests(for: "zh_CN-joe-medium.onnx")
        #expect(requests.count == 2)
        #expect(requests.first?.range == nil)
        // The second request asks only for what the first did not deliver (some of the 20 MiB may have been lost
        // in flight, never more).
        let resumedAt = try #require(requests.last?.range.flatMap { Int($0.dropFirst(6).dropLast()) })
        #expect(resumedAt > 0 && resumedAt <= 20 << 20)
    }

    @Test func aChecksumMismatchInstallsNothingAndKeepsWhatWasThere() async throws {
        let fixture = try await ModelFixture.start()
        defer { Task { await fixture.stop() } }
        _ = try await fixture.installer.install("en_US-joe-medium")
        fixture.server.backend.corrupt("zh_CN-joe-medium.onnx.json")
        await #expect {
            try await fixture.installer.install("zh_CN-joe-medium")
        } throws: { error in
            (error as? ModelInstallError)?.code == .checksumMismatch && "\(error)".contains("does not match its MD5")
        }
        #expect(fixture.installer.installed().map(\.name) == ["en_US-joe-medium"])
        let partial = fixture.directory.appendingPathComponent("models/.partial/zh_CN-joe-medium/zh_CN-joe-medium.onnx.json.part")
        #expect(!FileManager.default.fileExists(atPath: partial.path))
    }

    @Test func aMissingFileOrAnUnknownNameGiveOneClearError() async throws {
        let fixture = try await ModelFixture.start()
        defer { Task { await fixture.stop() } }
        fixture.server.backend.remove("de_DE-joe-medium.onnx")
        await #expect {
            try await fixture.installer.install("de_DE-joe-medium")
        } throws: { error in
            (error as? ModelInstallError)?.code == .notFound && "\(error)".contains("de_DE-joe-medium.onnx is not on the server (404)")
        }
        await #expect {
            try await fixture.installer.install("xx_XX-nobody-low")
        } throws: { error in
            (error as? ModelInstallError)?.code == .unknownModel
        }
        #expect(fixture.installer.installed().isEmpty)
    }

    @Test func aModelBeyondTheCapacityIsRefusedBeforeAnyDownload() async throws {
        let fixture = try await ModelFixture.start(capacityBytes: 10_000_000)
        defer { Task { await fixture.stop() } }
        await #expect {
            try await fixture.installer.install("zh_CN-joe-medium")
        } throws: { error in
            (error as? ModelInstallError)?.code == .noSpace && "\(error)".contains("models may take 10 MB")
        }
        #expect(fixture.requests(for: ".onnx").isEmpty)
        #expect(fixture.installer.installed().isEmpty)
    }

    @Test func concurrentInstallsOfOneModelShareOneDownload() async throws {
        let fixture = try await ModelFixture.start()
        defer { Task { await fixture.stop() } }
        let installer = fixture.installer
        async let first = installer.install("zh_CN-joe-medium")
        async let second = installer.install("zh_CN-joe-medium")
        let results = try await [first, second]
        #expect(results.map { $0.map(\.name) }.allSatisfy { $0.isEmpty || $0 == ["zh_CN-joe-medium"] })
        #expect(fixture.requests(for: "zh_CN-joe-medium.onnx").count == 1)
        #expect(installer.installed().map(\.name) == ["zh_CN-joe-medium"])
    }

    @Test func f5WeightsComeWithTheirVocoderCheckedAgainstTheHubListing() async throws {
        let fixture = try await ModelFixture.start()
        defer { Task { await fixture.stop() } }
        let installed = try await fixture.installer.install("f5-v1-base")
        #expect(installed.map(\.name) == ["vocos-mel-24khz", "f5-v1-base"])
        let weights = try #require(installed.last)
        #expect(weights.files == ["model_1250000.safetensors", "vocab.txt"])
        #expect(try Data(contentsOf: weights.file("vocab.txt")) == ModelFixture.f5Files["F5TTS_v1_Base/vocab.txt"])
        #expect(installed.first?.files == ["config.yaml", "pytorch_model.bin"])

        try await fixture.installer.remove("f5-v1-base")
        fixture.server.backend.corrupt("model_1250000.safetensors")
        await #expect {
            try await fixture.installer.install("f5-v1-base")
        } throws: { error in
            "\(error)".contains("model_1250000.safetensors does not match its SHA-256")
        }
        fixture.server.backend.repair("model_1250000.safetensors")
        fixture.server.backend.corrupt("vocab.txt")
        await #expect {
            try await fixture.installer.install("f5-v1-base")
        } throws: { error in
            "\(error)".contains("vocab.txt does not match its git blob SHA-1")
        }
        #expect(fixture.installer.installed().map(\.name) == ["vocos-mel-24khz"])
    }

    @Test func anUnreachableCatalogSaysSoAndAnOfflineFolderWorksLikeAServer() async throws {
        let directory = try ProjectPaths.makeTemporaryDirectory("ishowtts-offline")
        defer { try? FileManager.default.removeItem(at: directory) }
        let closed = try #require(URL(string: "http://127.0.0.1:9"))
        let unreachable = ModelInstaller(
            sources: ModelSources(
                piperCatalogURL: closed.appendingPathComponent("voices.json"),
                piperFilesURL: closed,
                hubURL: closed,
                directory: directory.appendingPathComponent("models")
            )
        )
        await #expect {
            try await unreachable.catalog()
        } throws: { error in
            (error as? ModelInstallError)?.code == .network && "\(error)".contains("cannot read http://127.0.0.1:9/voices.json")
        }

        // The same catalog and files in a folder (a mirror copied to a disk), read through file:// addresses.
        let fixture = try await ModelFixture.start()
        defer { Task { await fixture.stop() } }
        let mirror = directory.appendingPathComponent("mirror")
        let catalog = try #require(try JSONSerialization.jsonObject(with: fixture.server.backend.catalogJSON()) as? [String: [String: Any]])
        let files = try #require(catalog["de_DE-joe-medium"]?["files"] as? [String: Any])
        for path in files.keys {
            let target = mirror.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try #require(fixture.server.backend.contents(of: "piper/" + path)).write(to: target)
        }
        let mirrored = try JSONSerialization.data(withJSONObject: ["de_DE-joe-medium": catalog["de_DE-joe-medium"] as Any])
        try mirrored.write(to: mirror.appendingPathComponent("voices.json"))
        let offline = ModelInstaller(
            sources: ModelSources(
                piperCatalogURL: mirror.appendingPathComponent("voices.json"),
                piperFilesURL: mirror,
                hubURL: closed,
                directory: directory.appendingPathComponent("models")
            )
        )
        let installed = try await offline.install("de_DE-joe-medium")
        #expect(installed.map(\.name) == ["de_DE-joe-medium"])
        #expect(try Data(contentsOf: try #require(installed.last).file("de_DE-joe-medium.onnx")) == ModelFixture.joe?.model)
    }

    @Test func anInstallOfTheSameModelByAnotherProcessIsRefusedUntilItEnds() async throws {
        let fixture = try await ModelFixture.start()
        defer { Task { await fixture.stop() } }
        // What `ishowtts models install` holds while it works (flock locks apply between open files, so a second
        // open file in this process stands in for the other process).
        let partial = fixture.directory.appendingPathComponent("models/.partial")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        let other = open(partial.appendingPathComponent("zh_CN-joe-medium.lock").path, O_CREAT | O_RDWR, 0o644)
        #expect(flock(other, LOCK_EX | LOCK_NB) == 0)
        await #expect(throws: ModelInstallError(.inUse, "zh_CN-joe-medium is being installed by another process; try again when it ends")) {
            try await fixture.installer.install("zh_CN-joe-medium")
        }
        #expect(fixture.requests(for: ".onnx").isEmpty)
        close(other)
        #expect(try await fixture.installer.install("zh_CN-joe-medium").map(\.name) == ["zh_CN-joe-medium"])
    }
}
