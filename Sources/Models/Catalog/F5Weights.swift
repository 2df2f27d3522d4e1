import Foundation

/// The F5-TTS weights this project supports, as files of model-hub repositories: the one table of them.
///
/// Sizes and checksums are not pinned here: they are read from the hub's listing when a model is installed
/// (SHA-256 for large files, git's blob id for small ones), so what is checked is what the hub publishes.
enum F5Weights {
    struct Definition {
        let name: String
        let kind: ModelKind
        let repository: String
        let revision: String
        /// Path in the repository → name once installed.
        let files: [(path: String, name: String)]
        let languages: [String]
        let summary: String
        let license: String
        let requires: [String]
    }

    static let definitions = [
        Definition(
            name: "f5-v1-base",
            kind: .f5Checkpoint,
            repository: "SWivid/F5-TTS",
            revision: "main",
            files: [("F5TTS_v1_Base/model_1250000.safetensors", "model_1250000.safetensors"), ("F5TTS_v1_Base/vocab.txt", "vocab.txt")],
            languages: ["zh", "en"],
            summary: "F5-TTS v1 Base (F5TTS_v1_Base), voice cloning on a GPU",
            license: "CC BY-NC 4.0: non-commercial use only (the weights were trained on Emilia, a research dataset)",
            requires: ["vocos-mel-24khz"]
        ),
        Definition(
            name: "vocos-mel-24khz",
            kind: .vocoder,
            repository: "charactr/vocos-mel-24khz",
            revision: "main",
            files: [("config.yaml", "config.yaml"), ("pytorch_model.bin", "pytorch_model.bin")],
            languages: [],
            summary: "Vocos mel 24 kHz vocoder, F5-TTS's",
            license: "MIT",
            requires: []
        ),
    ]

    /// The entries, with files addressed on `hub` but not yet sized or summed.
    static func entries(hub: URL) -> [ModelEntry] {
        definitions.map { definition in
            ModelEntry(
                name: definition.name,
                kind: definition.kind,
                languages: definition.languages,
                summary: definition.summary,
                license: definition.license,
                requires: definition.requires,
                files: definition.files.map { file in
                    ModelFile(name: file.name, url: fileURL(hub: hub, definition, file.path).absoluteString, sizeBytes: nil, checksum: nil)
                }
            )
        }
    }

    /// `<hub>/<repository>/resolve/<revision>/<path>`.
    static func fileURL(hub: URL, _ definition: Definition, _ path: String) -> URL {
        hub.appendingPathComponent(definition.repository).appendingPathComponent("resolve").appendingPathComponent(definition.revision)
            .appendingPathComponent(path)
    }

    /// `<hub>/api/models/<repository>/tree/<revision>/<folder>`: the hub's listing of a folder, with sizes and ids.
    static func listingURL(hub: URL, _ definition: Definition, folder: String) -> URL {
        var url = hub.appendingPathComponent("api/models").appendingPathComponent(definition.repository).appendingPathComponent("tree")
            .appendingPathComponent(definition.revision)
        if !folder.isEmpty { url.appendPathComponent(folder) }
        return url
    }

    /// One entry of a hub listing.
    struct ListedFile: Decodable {
        struct LFS: Decodable {
            var oid: String
            var size: Int64
        }
        var type: String
        var path: String
        var size: Int64?
        var oid: String?
        var lfs: LFS?

        /// Its size and checksum: SHA-256 for a large (LFS) file, git's blob id for one kept in git.
        var sizeAndChecksum: (Int64, ModelChecksum)? {
            if let lfs { return (lfs.size, .sha256(lfs.oid)) }
            guard let size, let oid else { return nil }
            return (size, .gitBlobSHA1(oid))
        }
    }
}
