import SpeechCore

/// The allowed range of every request option, checked before any engine sees it.
///
/// Engines ignore options they lack, but nonsense values are still refused so clients learn early.
enum OptionLimits {
    static let nfeStep = 1...128
    static let cfgStrength = 0.0...20.0
    static let swaySamplingCoefficient = -1.0...1.0
    static let targetRMS = 0.001...1.0
    static let crossFadeDuration = 0.0...2.0
    static let fixDuration = 0.1...120.0

    static func check(_ options: SynthesisOptions) throws(SynthesisError) {
        try checkRange("speed", options.speed, SynthesisOptions.speedRange)
        try checkRange("nfe_step", options.nfeStep, nfeStep)
        try checkRange("cfg_strength", options.cfgStrength, cfgStrength)
        try checkRange("sway_sampling_coef", options.swaySamplingCoefficient, swaySamplingCoefficient)
        try checkRange("target_rms", options.targetRMS, targetRMS)
        try checkRange("cross_fade_duration", options.crossFadeDuration, crossFadeDuration)
        try checkRange("fix_duration", options.fixDuration, fixDuration)
    }

    private static func checkRange<T: Comparable>(_ name: String, _ value: T?, _ range: ClosedRange<T>) throws(SynthesisError) {
        guard let value else { return }
        // `!(range.contains)` also rejects NaN, which compares false to everything.
        guard range.contains(value) else {
            throw .invalidOption(name, "must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
    }
}
