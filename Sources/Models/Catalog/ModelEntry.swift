import Foundation

/// What a model is for, and so where it is installed and who loads it.
public enum ModelKind: String, Sendable, Codable, CaseIterable {
    /// A Piper voice (`.onnx` + `.onnx.json`), spoken by the CPU engine.
    case piperVoice = "piper_voice"
    /// F5-TTS weights (checkpoint + vocab) for the GPU worker.
    case f5Checkpoint = "f5_checkpoint"
    /// The Vocos vocoder the F5 worker turns mel frames into audio with.
    case vocoder
}

/// One file of a model, where it comes from and how it is checked.
public struct ModelFile: Sendable, Codable, Equatable {
    /// The name under the model's folder once installed (`en_US-amy-medium.onnx`, `vocos/config.yaml`).
    public var name: String
    /// Where it is downloaded from.
    public var url: String
    /// Its size, when the catalog says it before the download.
    public var sizeBytes: Int64?
    /// The digest the catalog publishes for it, checked after the download.
    public var checksum: ModelChecksum?

    /// Creates a file entry.
    public init(name: String, url: String, sizeBytes: Int64?, checksum: ModelChecksum?) {
        self.name = name
        self.url = url
        self.sizeBytes = sizeBytes
        self.checksum = checksum
    }
}

/// A model that can be installed by name: a catalog's Piper voice, or F5 weights this project supports.
public struct ModelEntry: Sendable, Codable, Equatable {
    /// The name to install it by (`en_US-amy-medium`, `f5-v1-base`).
    public var name: String
    /// What it is.
    public var kind: ModelKind
    /// The languages it speaks, BCP 47 tags (none for a vocoder).
    public var languages: [String]
    /// The catalog's quality label for a Piper voice (`x_low` … `high`).
    public var quality: String?
    /// What it is in words (`English (United States), amy, medium`).
    public var summary: String
    /// Its licence, when known without downloading (F5 weights); a Piper voice's is in its model card.
    public var license: String?
    /// Other models it needs installed too (F5 weights need the vocoder).
    public var requires: [String]
    /// Its files; an F5 entry's sizes and checksums are filled from the model hub when it is installed.
    public var files: [ModelFile]

    /// Whether it speaks `language`: a primary subtag (`zh`) matches every region, a whole tag (`en-GB`) only itself.
    public func speaks(_ language: String) -> Bool {
        let wanted = language.replacingOccurrences(of: "_", with: "-").lowercased()
        return languages.contains { tag in
            let tag = tag.lowercased()
            return tag == wanted || tag.hasPrefix(wanted + "-")
        }
    }

    /// The size of all its files, when the catalog gives every one.
    public var sizeBytes: Int64? {
        var total: Int64 = 0
        for file in files {
            // A catalog that claims absurd sizes gets no total (each file is still checked as it comes).
            guard let size = file.sizeBytes, size >= 0 else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(size)
            if overflow { return nil }
            total = sum
        }
        return total
    }

    /// Creates an entry.
    public init(
        name: String,
        kind: ModelKind,
        languages: [String],
        quality: String? = nil,
        summary: String,
        license: String? = nil,
        requires: [String] = [],
        files: [ModelFile]
    ) {
        self.name = name
        self.kind = kind
        self.languages = languages
        self.quality = quality
        self.summary = summary
        self.license = license
        self.requires = requires
        self.files = files
    }
}
