import Foundation
import SpeechCore
import TextPrep

/// A voice ready to serve: its prepared reference and the transcript in the forms the pipeline needs.
struct F5LoadedVoice: Sendable {
    /// The voice id.
    let id: String
    /// The definition it came from.
    let definition: ClonedVoiceDefinition
    /// The decoded clip before preparation (for variants at another `target_rms`).
    let clip: PCMBuffer
    /// The reference after preparation (mono, 24 kHz, clipped, RMS-normalised).
    let reference: PreparedReference
    /// The transcript as `infer_process` sizes chunks with (``F5Transcript/preprocessed(_:)``).
    let chunkingTranscript: String
    /// The transcript the model is conditioned on (``F5Transcript/referenceText(_:)``).
    let modelTranscript: String

    init(definition: ClonedVoiceDefinition, clip: PCMBuffer, reference: PreparedReference, id: String? = nil) {
        self.id = id ?? definition.id
        self.definition = definition
        self.clip = clip
        self.reference = reference
        self.chunkingTranscript = F5Transcript.preprocessed(definition.referenceText)
        self.modelTranscript = F5Transcript.referenceText(definition.referenceText)
    }

    /// Mel frames of the prepared reference.
    var referenceFrames: Int { reference.frames }

    /// Seconds of the prepared reference.
    var referenceSeconds: Double { reference.audio.duration }

    /// Chat-line lengths, in UTF-8 bytes, whose item durations a worker warms up for this voice: a streamed first
    /// chunk (up to 48 bytes), the very short lines ("gg", "hi!": the official rule slows texts under 10 bytes) and the
    /// lines chat usually sends.
    static let likelyLineBytes = [2, 4, 6, 8, 16, 24, 32, 40, 48, 64, 80, 100, 120, 150, 180]

    /// The item durations (frames, reference included) of ``likelyLineBytes`` at speed 1, by the official rule.
    var likelyDurations: [Int] {
        let durations = Self.likelyLineBytes.map { bytes in
            F5Duration.frames(
                referenceFrames: referenceFrames,
                referenceText: modelTranscript,
                generatedText: String(repeating: "a", count: bytes),
                speed: 1
            )
        }
        return Array(Set(durations)).sorted()
    }

    /// The same voice prepared at another loudness target, `steps` hundredths (target_rms = steps / 100), under its
    /// own worker voice id; equal `steps` always give the same id and the same audio.
    func variant(targetRMSSteps steps: Int) throws(SynthesisError) -> F5LoadedVoice {
        let targetRMS = Double(steps) / 100
        let prepared = try ReferenceAudioPreparer(targetRMS: Float(targetRMS)).prepare(clip)
        let id = "\(definition.id)@rms=\(String(format: "%.2f", targetRMS))"
        return F5LoadedVoice(definition: definition, clip: clip, reference: prepared, id: id)
    }
}
