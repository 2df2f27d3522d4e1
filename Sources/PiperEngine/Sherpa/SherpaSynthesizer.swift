import CSherpaOnnx
import Foundation
import SpeechCore

/// One sherpa-onnx offline TTS handle for one prepared Piper voice; the only owner of that handle.
///
/// Not Sendable: the handle is not safe for concurrent use, so only its voice's serial queue touches it.
final class SherpaSynthesizer {
    private let handle: OpaquePointer
    /// The sample rate of the audio this model produces.
    let sampleRate: Int
    /// How many speakers the model has.
    let speakerCount: Int

    /// Loads `voice` with `threads` inference threads and the given noise scales.
    init(voice: PreparedPiperVoice, threads: Int, noiseScale: Double, noiseW: Double) throws(PiperVoiceError) {
        var config = SherpaOnnxOfflineTtsConfig()
        config.model.num_threads = Int32(clamping: max(1, threads))
        config.model.debug = 0
        config.max_num_sentences = 1
        config.silence_scale = 1
        config.model.vits.noise_scale = Self.explicit(noiseScale)
        config.model.vits.noise_scale_w = Self.explicit(noiseW)
        // The length scale travels per request as `speed` (see `generate`); 1 keeps the two consistent.
        config.model.vits.length_scale = 1
        let created = voice.model.path.withCString { model in
            voice.tokens.path.withCString { tokens in
                "cpu".withCString { provider in
                    config.model.vits.model = model
                    config.model.vits.tokens = tokens
                    config.model.provider = provider
                    return SherpaOnnxCreateOfflineTts(&config)
                }
            }
        }
        guard let created else { throw PiperVoiceError("sherpa-onnx could not load the model \(voice.model.path)") }
        handle = created
        sampleRate = Int(SherpaOnnxOfflineTtsSampleRate(handle))
        speakerCount = Int(SherpaOnnxOfflineTtsNumSpeakers(handle))
    }

    deinit { SherpaOnnxDestroyOfflineTts(handle) }

    /// Synthesises one sentence given as phoneme codepoints (sherpa adds piper's `^ _ … $` framing itself).
    ///
    /// - Parameters:
    ///   - codepoints: The sentence's phonemes; must not be empty, and only contain tokens of this voice.
    ///   - speakerID: Which speaker of a multi-speaker model.
    ///   - lengthScale: VITS length scale: 1 is the model's pace, 2 twice as slow.
    func generate(codepoints: [Int32], speakerID: Int, lengthScale: Double) throws(SynthesisError) -> [Float] {
        guard !codepoints.isEmpty else { throw SynthesisError(.engineFailure, "no phonemes to synthesise") }
        var generation = SherpaOnnxGenerationConfig()
        generation.sid = Int32(clamping: speakerID)
        // sherpa turns speed s into length scale 1/s (and ignores the configured one when s != 1).
        generation.speed = Float(1 / lengthScale)
        // 1 = keep the model's pauses as they are; other values rescale them.
        generation.silence_scale = 1
        let audio = codepoints.withUnsafeBufferPointer { points in
            withUnsafePointer(to: Int32(points.count)) { length in
                generation.phoneme_codepoints = points.baseAddress
                generation.phoneme_codepoints_lens = length
                generation.phoneme_codepoints_num_sentences = 1
                return SherpaOnnxOfflineTtsGenerateWithConfig(handle, "", &generation, nil, nil)
            }
        }
        guard let audio else { throw SynthesisError(.engineFailure, "sherpa-onnx failed to synthesise a sentence") }
        defer { SherpaOnnxDestroyOfflineTtsGeneratedAudio(audio) }
        let count = Int(audio.pointee.n)
        guard count > 0, let samples = audio.pointee.samples else { return [] }
        // The samples belong to `audio`, which is freed on return: copy them out now.
        return Array(UnsafeBufferPointer(start: samples, count: count))
    }

    /// sherpa-onnx reads 0 as "use the default", so an explicit 0 becomes the smallest positive float.
    private static func explicit(_ value: Double) -> Float {
        value <= 0 ? Float.leastNormalMagnitude : Float(value)
    }
}
