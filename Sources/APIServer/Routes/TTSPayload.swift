import SpeechCore

/// The body of `POST /api/tts`, field for field as the original iShowTTS accepts it.
///
/// F5-only knobs are accepted for every voice; engines that lack them ignore them.
struct TTSPayload: Decodable, Sendable {
    var text: String
    var voiceID: String?
    var engine: String?
    var speed: Double?
    var targetRMS: Double?
    var crossFadeDuration: Double?
    var swaySamplingCoefficient: Double?
    var cfgStrength: Double?
    var nfeStep: Int?
    var fixDuration: Double?
    var removeSilence: Bool?
    /// Read numbers, money, times and chat abbreviations as words first (default true; `false` speaks the text as is).
    var normalize: Bool?
    var seed: UInt64?

    enum CodingKeys: String, CodingKey {
        case text
        case voiceID = "voice_id"
        case engine
        case speed
        case targetRMS = "target_rms"
        case crossFadeDuration = "cross_fade_duration"
        case swaySamplingCoefficient = "sway_sampling_coef"
        case cfgStrength = "cfg_strength"
        case nfeStep = "nfe_step"
        case fixDuration = "fix_duration"
        case removeSilence = "remove_silence"
        case normalize
        case seed
    }

    var options: SynthesisOptions {
        SynthesisOptions(
            speed: speed,
            seed: seed,
            nfeStep: nfeStep,
            cfgStrength: cfgStrength,
            swaySamplingCoefficient: swaySamplingCoefficient,
            targetRMS: targetRMS,
            crossFadeDuration: crossFadeDuration,
            fixDuration: fixDuration,
            removeSilence: removeSilence
        )
    }
}
