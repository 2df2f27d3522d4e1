import Foundation

/// The public Piper voice catalog (`voices.json` of the Piper voices repository): every voice with its language,
/// quality and files (paths, sizes, MD5 sums).
enum PiperVoiceCatalog {
    /// The json's shape; only what installing needs.
    private struct Voice: Decodable {
        struct Language: Decodable {
            var code: String
            var name_english: String?
            var country_english: String?
        }
        struct File: Decodable {
            var size_bytes: Int64?
            var md5_digest: String?
        }
        var key: String
        var name: String?
        var language: Language
        var quality: String?
        var files: [String: File]
    }

    /// The entries of catalog `json`, sorted by name; file addresses are relative to `filesURL`.
    static func entries(json: Data, filesURL: URL) throws(ModelInstallError) -> [ModelEntry] {
        let voices: [String: Voice]
        do {
            voices = try JSONDecoder().decode([String: Voice].self, from: json)
        } catch {
            throw ModelInstallError(.badCatalog, "the Piper voice catalog is not a voices.json (\(error))")
        }
        return voices.values.compactMap { voice in entry(voice, filesURL: filesURL) }.sorted { $0.name < $1.name }
    }

    private static func entry(_ voice: Voice, filesURL: URL) -> ModelEntry? {
        // A voice is its model, the model's json and its card (the licence); other files (samples) are not needed.
        let wanted = voice.files.filter { path, _ in
            path.hasSuffix(".onnx") || path.hasSuffix(".onnx.json") || path.hasSuffix("/MODEL_CARD") || path == "MODEL_CARD"
        }
        guard wanted.keys.contains(where: { $0.hasSuffix(".onnx") }), wanted.keys.contains(where: { $0.hasSuffix(".onnx.json") }),
            ModelInstaller.isValidName(voice.key)
        else { return nil }
        let files = wanted.sorted { $0.key < $1.key }.map { path, file in
            ModelFile(
                name: String(path.split(separator: "/").last ?? Substring(path)),
                url: filesURL.appendingPathComponent(path).absoluteString,
                sizeBytes: file.size_bytes,
                checksum: file.md5_digest.map { .md5($0) }
            )
        }
        let place = [voice.language.name_english, voice.language.country_english].compactMap { $0 }
        let language = place.isEmpty ? voice.language.code : "\(place[0])" + (place.count > 1 ? " (\(place[1]))" : "")
        let summary = [language, voice.name, voice.quality].compactMap { $0 }.joined(separator: ", ")
        return ModelEntry(
            name: voice.key,
            kind: .piperVoice,
            languages: [voice.language.code.replacingOccurrences(of: "_", with: "-")],
            quality: voice.quality,
            summary: summary,
            files: files
        )
    }
}
