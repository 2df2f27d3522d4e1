public import Foundation

/// A Piper voice made loadable by sherpa-onnx: a model copy with sherpa's metadata, and a tokens file.
public struct PreparedPiperVoice: Sendable, Equatable {
    /// The model copy whose ONNX metadata says it is a Piper VITS model.
    public let model: URL
    /// `tokens.txt`: one `phoneme id` line per phoneme.
    public let tokens: URL
    /// The voice's json settings.
    public let config: PiperVoiceConfig
    /// Whether the cache already held this preparation.
    public let wasCached: Bool
}

/// Makes any Piper voice (`X.onnx` + `X.onnx.json`) loadable by sherpa-onnx, in Swift, without Python.
///
/// sherpa-onnx needs what sherpa's `scripts/piper/add_meta_data.py` adds: ONNX metadata props
/// (`model_type=vits`, `comment=piper`, language, voice, sample rate, speakers) and a `tokens.txt`.
/// Results go into a per-voice folder of the cache directory named after a fingerprint of the sources
/// (model path, size and modification time, json contents), so an unchanged voice is prepared once.
/// Folders are written under a temporary name and renamed into place, so a crash never leaves half a voice.
///
/// ```swift
/// let prepared = try PiperVoicePreparer(cacheDirectory: cache).prepare(model: URL(fileURLWithPath: "en_US-joe-medium.onnx"))
/// ```
public struct PiperVoicePreparer: Sendable {
    /// Where prepared voices are kept.
    public let cacheDirectory: URL

    /// Bump when the files written here change shape, so old caches are not reused.
    static let formatVersion = "1"
    static let modelFileName = "model.onnx"
    static let tokensFileName = "tokens.txt"
    static let sourceFileName = "source.txt"

    /// Creates a preparer that keeps its results under `cacheDirectory`.
    public init(cacheDirectory: URL) {
        self.cacheDirectory = cacheDirectory
    }

    /// Prepares the voice `model` whose json is `config` (default: `model` + `.json`).
    public func prepare(model: URL, config: URL? = nil) throws(PiperVoiceError) -> PreparedPiperVoice {
        let configURL = config ?? model.appendingPathExtension("json")
        // A symlinked model is fingerprinted by its target, so replacing the target invalidates the cache.
        let model = model.resolvingSymlinksInPath()
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: model.path) else { throw .missingFile(model.path) }
        guard let json = fileManager.contents(atPath: configURL.path) else { throw .missingFile(configURL.path) }
        let voiceConfig = try PiperVoiceConfig(json: json, source: configURL.path)
        let tokens = try PiperTokens(phonemeIDs: voiceConfig.phonemeIDs, source: configURL.path)

        let folder = cacheDirectory.appendingPathComponent("\(Self.baseName(of: model))-\(try fingerprint(model: model, json: json))")
        let result = { (cached: Bool) in
            PreparedPiperVoice(
                model: folder.appendingPathComponent(Self.modelFileName),
                tokens: folder.appendingPathComponent(Self.tokensFileName),
                config: voiceConfig,
                wasCached: cached
            )
        }
        if fileManager.fileExists(atPath: folder.appendingPathComponent(Self.modelFileName).path) {
            return result(true)
        }
        try write(model: model, config: voiceConfig, tokens: tokens, into: folder)
        removeStalePreparations(of: model, keeping: folder)
        return result(false)
    }

    /// The metadata sherpa-onnx reads from a Piper model (see sherpa's `offline-tts-vits-model.cc`).
    static func metadata(for config: PiperVoiceConfig) -> [(key: String, value: String)] {
        [
            ("model_type", "vits"),
            ("comment", "piper"),  // makes sherpa frame ids the way piper does: ^ _ p _ p _ … $
            ("language", LanguageNames.englishName(ofCode: config.languageCode)),
            ("voice", config.espeakVoice),
            ("version", "1"),
            ("has_espeak", "1"),
            ("has_g2pw", "0"),
            ("n_speakers", String(config.speakerCount)),
            ("sample_rate", String(config.sampleRate)),
        ]
    }

    // MARK: Writing

    private func write(model: URL, config: PiperVoiceConfig, tokens: PiperTokens, into folder: URL) throws(PiperVoiceError) {
        let fileManager = FileManager.default
        let temporary = cacheDirectory.appendingPathComponent(".tmp-\(UUID().uuidString)")
        do {
            try fileManager.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            throw .cache(cacheDirectory.path, "\(error)")
        }
        defer { try? fileManager.removeItem(at: temporary) }

        try writeModel(from: model, to: temporary.appendingPathComponent(Self.modelFileName), config: config)
        do {
            try Data(tokens.fileText.utf8).write(to: temporary.appendingPathComponent(Self.tokensFileName))
            try Data(model.standardizedFileURL.path.utf8).write(to: temporary.appendingPathComponent(Self.sourceFileName))
            try fileManager.moveItem(at: temporary, to: folder)
        } catch {
            // Another process may have prepared the same voice meanwhile; its result is as good as ours.
            if fileManager.fileExists(atPath: folder.appendingPathComponent(Self.modelFileName).path) { return }
            throw .cache(folder.path, "\(error)")
        }
    }

    private func writeModel(from source: URL, to destination: URL, config: PiperVoiceConfig) throws(PiperVoiceError) {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: source, options: .alwaysMapped)
        } catch {
            throw .badModel(source.path, "cannot read (\(error))")
        }
        let rewrite: (kept: [Range<Int>], appended: [UInt8])
        do {
            rewrite = try ONNXMetadata.replacing(in: bytes, with: Self.metadata(for: config))
        } catch {
            throw .badModel(source.path, "\(error)")
        }
        guard !rewrite.kept.isEmpty else { throw .badModel(source.path, "the file is empty") }
        do {
            guard FileManager.default.createFile(atPath: destination.path, contents: nil) else {
                throw PiperVoiceError.cache(destination.path, "cannot create the file")
            }
            let handle = try FileHandle(forWritingTo: destination)
            defer { try? handle.close() }
            for range in rewrite.kept { try handle.write(contentsOf: bytes[range]) }
            try handle.write(contentsOf: rewrite.appended)
            try handle.synchronize()
        } catch let error as PiperVoiceError {
            throw error
        } catch {
            throw .cache(destination.path, "\(error)")
        }
    }

    /// Removes earlier preparations of the same model file (its folder name differs once the model changes).
    private func removeStalePreparations(of model: URL, keeping current: URL) {
        let fileManager = FileManager.default
        let prefix = "\(Self.baseName(of: model))-"
        let sourcePath = model.standardizedFileURL.path
        guard let names = try? fileManager.contentsOfDirectory(atPath: cacheDirectory.path) else { return }
        for name in names where name.hasPrefix(prefix) && name != current.lastPathComponent {
            let folder = cacheDirectory.appendingPathComponent(name)
            let source = fileManager.contents(atPath: folder.appendingPathComponent(Self.sourceFileName).path)
            if let source, String(decoding: source, as: UTF8.self) == sourcePath {
                try? fileManager.removeItem(at: folder)
            }
        }
    }

    // MARK: Naming

    static func baseName(of model: URL) -> String {
        // Only portable file-name characters; the fingerprint after it keeps different voices apart.
        let name = model.deletingPathExtension().lastPathComponent
        let portable = name.unicodeScalars.map { scalar -> Character in
            let isPortable = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".contains(Character(scalar)))
            return isPortable ? Character(scalar) : "_"
        }
        return String(portable)
    }

    private func fingerprint(model: URL, json: Data) throws(PiperVoiceError) -> String {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: model.path)
        } catch {
            throw .missingFile(model.path)
        }
        let size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        var hash = FNV1a()
        hash.add(Self.formatVersion)
        hash.add(model.standardizedFileURL.path)
        hash.add(String(size))
        hash.add(String(modified.bitPattern))
        hash.add(json)
        return hash.hex
    }
}
