import Dispatch
import Foundation
import SpeechCore

/// One loaded Piper voice and the serial queue that is the only place its sherpa-onnx handle is used.
///
/// Inference is seconds of blocking C work: it runs on this dispatch queue, never on the NIO event
/// loops or the Swift cooperative pool, and callers await it through a continuation.
final class PiperVoiceWorker: @unchecked Sendable {
    // @unchecked: `synthesizer` is not Sendable, but it is only touched by jobs on `queue`, which run one at a time.
    // Everything else is immutable and Sendable.

    /// The voice's id.
    let id: String
    /// The voice's json settings.
    let config: PiperVoiceConfig
    /// The speaker this voice speaks with.
    let speakerID: Int
    /// The sample rate of its audio.
    let sampleRate: Int
    /// The length scale at speed 1 (the json's, unless the settings override it).
    let baseLengthScale: Double

    private let tokens: PiperTokens
    private let synthesizer: SherpaSynthesizer
    private let queue: DispatchQueue

    /// Prepares (or reuses from the cache) and loads `definition`.
    init(definition: PiperVoiceDefinition, settings: PiperEngineSettings) throws(PiperVoiceError) {
        let prepared = try PiperVoicePreparer(cacheDirectory: settings.cacheDirectory)
            .prepare(model: definition.model, config: definition.config)
        let speakerID = definition.speakerID ?? 0
        guard (0..<prepared.config.speakerCount).contains(speakerID) else {
            throw PiperVoiceError("voice \(definition.id): speaker \(speakerID) is out of range 0..<\(prepared.config.speakerCount)")
        }
        synthesizer = try SherpaSynthesizer(
            voice: prepared,
            threads: settings.threads,
            noiseScale: settings.noiseScale ?? prepared.config.noiseScale,
            noiseW: settings.noiseW ?? prepared.config.noiseW
        )
        id = definition.id
        config = prepared.config
        self.speakerID = speakerID
        sampleRate = synthesizer.sampleRate
        baseLengthScale = settings.lengthScale ?? prepared.config.lengthScale
        tokens = try PiperTokens(phonemeIDs: prepared.config.phonemeIDs, source: definition.model.path)
        queue = DispatchQueue(label: "ishowtts.piper.\(definition.id)", qos: .userInitiated)
    }

    /// Phonemizes and synthesises `sentence` on this voice's queue.
    ///
    /// Returns `nil` when the task was cancelled before the job started, and `[]` when the sentence has
    /// nothing to say (only punctuation, say).
    func render(_ sentence: String, lengthScale: Double) async throws(SynthesisError) -> [Float]? {
        let cancellation = CancellationFlag()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<[Float]?, SynthesisError>, Never>) in
                queue.async {
                    guard !cancellation.isCancelled else { return continuation.resume(returning: .success(nil)) }
                    continuation.resume(returning: Result { () throws(SynthesisError) in try self.renderNow(sentence, lengthScale: lengthScale) })
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
        return try result.get()
    }

    /// The blocking part. Runs on `queue` only.
    private func renderNow(_ sentence: String, lengthScale: Double) throws(SynthesisError) -> [Float] {
        dispatchPrecondition(condition: .onQueue(queue))
        let phonemes = try EspeakPhonemizer.shared.phonemize(sentence, voice: config.espeakVoice)
        let codepoints = PhonemeCodepoints.codepoints(of: phonemes, phonemeMap: config.phonemeMap, tokens: tokens)
        guard PhonemeCodepoints.hasSpeech(codepoints) else { return [] }
        return try synthesizer.generate(codepoints: codepoints, speakerID: speakerID, lengthScale: lengthScale)
    }
}
