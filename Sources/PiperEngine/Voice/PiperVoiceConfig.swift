public import Foundation

/// The parts of a Piper voice's `.onnx.json` that synthesis needs.
public struct PiperVoiceConfig: Sendable, Equatable {
    /// The espeak-ng voice that phonemizes text for this model, e.g. `en-us`.
    public var espeakVoice: String
    /// The sample rate of the model's audio.
    public var sampleRate: Int
    /// The language code from the json, e.g. `en_US`.
    public var languageCode: String
    /// How many speakers the model has.
    public var speakerCount: Int
    /// The model's default noise scale.
    public var noiseScale: Double
    /// The model's default duration-noise scale (`noise_w`).
    public var noiseW: Double
    /// The model's default length scale (larger is slower).
    public var lengthScale: Double
    /// Each phoneme's id, as the model was trained with.
    public var phonemeIDs: [String: [Int]]
    /// Phoneme replacements applied after phonemizing (one phoneme to several).
    public var phonemeMap: [String: [String]]

    /// The language as a BCP 47 tag: `en_US` becomes `en-US`.
    public var languageTag: String { languageCode.replacingOccurrences(of: "_", with: "-") }
}

extension PiperVoiceConfig {
    /// The json's shape; everything optional so a missing key gives a clear error, not a decoding trace.
    private struct File: Decodable {
        struct Audio: Decodable { var sample_rate: Int? }
        struct Espeak: Decodable { var voice: String? }
        struct Inference: Decodable { var noise_scale: Double?, length_scale: Double?, noise_w: Double? }
        struct Language: Decodable { var code: String? }
        var audio: Audio?
        var espeak: Espeak?
        var inference: Inference?
        var language: Language?
        var num_speakers: Int?
        var phoneme_type: String?
        var phoneme_id_map: [String: [Int]]?
        var phoneme_map: [String: [String]]?
    }

    /// Parses a Piper `.onnx.json`; `source` names the file in error messages.
    public init(json: Data, source: String) throws(PiperVoiceError) {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: json)
        } catch {
            throw .badConfig(source, "not a Piper voice json (\(error))")
        }
        guard let phonemeIDs = file.phoneme_id_map, !phonemeIDs.isEmpty else { throw .badConfig(source, "no phoneme_id_map") }
        guard let sampleRate = file.audio?.sample_rate, sampleRate > 0 else { throw .badConfig(source, "no audio.sample_rate") }
        guard let espeakVoice = file.espeak?.voice, !espeakVoice.isEmpty else { throw .badConfig(source, "no espeak.voice") }
        if let type = file.phoneme_type, type != "espeak" {
            throw .badConfig(source, "phoneme_type '\(type)' is not supported (only espeak)")
        }
        self.espeakVoice = espeakVoice
        // Some Piper voices say 22500 where they mean 22050 (their models make 22050 Hz audio).
        self.sampleRate = sampleRate == 22500 ? 22050 : sampleRate
        self.languageCode = file.language?.code ?? espeakVoice
        self.speakerCount = max(1, file.num_speakers ?? 1)
        self.noiseScale = file.inference?.noise_scale ?? 0.667
        self.noiseW = file.inference?.noise_w ?? 0.8
        self.lengthScale = file.inference?.length_scale ?? 1
        self.phonemeIDs = phonemeIDs
        self.phonemeMap = file.phoneme_map ?? [:]
    }
}
