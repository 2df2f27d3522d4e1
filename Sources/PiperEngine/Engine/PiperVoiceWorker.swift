import Dispatch
import Foundation
import SpeechCore

/// One loaded Piper voice and the serial queue that is the only place its ONNX Runtime session is used.
///
/// Inference is seconds of blocking C work: it runs on this dispatch queue, never on the NIO event
/// loops or the Swift cooperative pool, and callers await it through a continuation.
final class PiperVoiceWorker: @unchecked Sendable {
    // @unchecked: `session` is not Sendable, but it is only touched by jobs on `queue`, which run one at a time.
    // Everything else is immutable and Sendable.

    /// The voice's id.
    let id: String
    /// The voice's json settings.
    let config: PiperVoiceConfig
    /// The sample rate of its audio.
    let sampleRate: Int
    /// The length scale at speed 1 (the json's, unless the settings override it).
    let baseLengthScale: Double

    private let speakerID: Int64
    private let noiseScale: Float
    private let noiseW: Float
    private let phonemeIDs: PiperPhonemeIDs
    private let session: PiperSession
    private let queue: DispatchQueue

    /// Reads `definition`'s json and loads its model.
    init(definition: PiperVoiceDefinition, settings: PiperEngineSettings) throws(PiperVoiceError) {
        let configURL = definition.config ?? definition.model.appendingPathExtension("json")
        guard FileManager.default.fileExists(atPath: definition.model.path) else { throw .missingFile(definition.model.path) }
        guard let json = FileManager.default.contents(atPath: configURL.path) else { throw .missingFile(configURL.path) }
        let config = try PiperVoiceConfig(json: json, source: configURL.path)
        let speakerID = definition.speakerID ?? 0
        guard (0..<config.speakerCount).contains(speakerID) else {
            throw PiperVoiceError("voice \(definition.id): speaker \(speakerID) is out of range 0..<\(config.speakerCount)")
        }
        phonemeIDs = try PiperPhonemeIDs(phonemeIDs: config.phonemeIDs, phonemeMap: config.phonemeMap, source: configURL.path)
        session = try PiperSession(model: definition.model, threads: settings.threads)
        // A json that promises speakers to a model without a speaker input would silently speak with one voice.
        if config.speakerCount > 1 || speakerID != 0, !session.takesSpeakerID {
            throw .badModel(definition.model.path, "the json lists \(config.speakerCount) speakers but the model takes no speaker id")
        }
        id = definition.id
        self.config = config
        self.speakerID = Int64(speakerID)
        sampleRate = config.sampleRate
        noiseScale = Float(settings.noiseScale ?? config.noiseScale)
        noiseW = Float(settings.noiseW ?? config.noiseW)
        baseLengthScale = settings.lengthScale ?? config.lengthScale
        queue = DispatchQueue(label: "ishowtts.piper.\(definition.id)", qos: .userInitiated)
    }

    /// One sentence's audio and where its time went.
    struct Rendering: Sendable {
        /// The samples; empty when the sentence has nothing to say (only punctuation, say).
        let samples: [Float]
        /// Time spent in espeak-ng.
        let phonemizing: Duration
        /// Time spent in ONNX Runtime (zero when there was nothing to say).
        let inference: Duration
    }

    /// Phonemizes and synthesises `sentence` on this voice's queue.
    ///
    /// Returns `nil` when the task was cancelled before the job started.
    func render(_ sentence: String, lengthScale: Double) async throws(SynthesisError) -> Rendering? {
        let cancellation = CancellationFlag()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Rendering?, SynthesisError>, Never>) in
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
    private func renderNow(_ sentence: String, lengthScale: Double) throws(SynthesisError) -> Rendering {
        dispatchPrecondition(condition: .onQueue(queue))
        let clock = ContinuousClock()
        let started = clock.now
        let phonemes = try EspeakPhonemizer.shared.phonemize(sentence, voice: config.espeakVoice)
        let phonemized = clock.now
        guard let ids = phonemeIDs.framedIDs(of: phonemes) else {
            return Rendering(samples: [], phonemizing: phonemized - started, inference: .zero)
        }
        let samples = try session.synthesize(phonemeIDs: ids, scales: [noiseScale, Float(lengthScale), noiseW], speakerID: speakerID)
        return Rendering(samples: samples, phonemizing: phonemized - started, inference: clock.now - phonemized)
    }
}
