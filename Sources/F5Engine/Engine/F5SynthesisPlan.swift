import SpeechCore
import TextPrep

/// What one request will send to the workers, computed and checked before any work starts.
///
/// Chunking, per-chunk durations and seeds follow official `infer_process`/`infer_batch_process`: chunks of at most
/// `int(len(ref_text) / ref_s * (22 - ref_s) * speed)` bytes (for streamed requests the first one cut short for fast
/// first audio),
/// `duration = ref + int(ref / len(ref_text) * len(gen_text) / speed)` frames (or a share of `fix_duration`), and
/// the same seed for every chunk.
struct F5SynthesisPlan: Sendable {
    /// The chunks' text, in order.
    let chunks: [String]
    /// One item per chunk (item ids are assigned by the dispatcher).
    let items: [F5SynthesisItem]
    /// Samples of cross-fade between consecutive chunks.
    let crossFadeSamples: Int
    /// Whether to cut long silences from the joined audio (whole-file responses).
    let removeSilence: Bool
    /// Whether every chunk is wanted at once (a whole-file request): then they all go out in the first batch.
    let allAtOnce: Bool

    /// Plans `request` for `voice`; throws ``SynthesisError`` for out-of-range options or nothing to say.
    init(request: SynthesisRequest, voice: F5LoadedVoice, settings: F5EngineSettings) throws(SynthesisError) {
        let options = request.options
        let speed = options.speed ?? 1
        guard speed.isFinite, SynthesisOptions.speedRange.contains(speed) else {
            throw .invalidOption("speed", "must be within \(SynthesisOptions.speedRange), got \(speed)")
        }
        let nfeStep = options.nfeStep ?? settings.defaultNFEStep
        guard nfeStep >= 1 else { throw .invalidOption("nfe_step", "must be at least 1, got \(nfeStep)") }
        let crossFade = options.crossFadeDuration ?? settings.defaultCrossFadeDuration
        guard crossFade.isFinite, crossFade >= 0 else { throw .invalidOption("cross_fade_duration", "must be >= 0, got \(crossFade)") }

        let maxBytes = F5TextChunker.maxChunkBytes(
            referenceText: voice.chunkingTranscript,
            referenceSeconds: voice.referenceSeconds,
            speed: speed
        )
        // Streaming cuts the first chunk short for fast first audio; a whole file keeps the official chunks.
        let pieces =
            switch request.delivery {
            case .streamed: F5TextChunker.chunksForStreaming(request.text, maxBytes: maxBytes, firstChunkMaxBytes: settings.firstChunkMaxBytes)
            case .whole: F5TextChunker.chunk(request.text, maxBytes: maxBytes)
            }
        let chunks = pieces.filter { !$0.isEmpty }
        guard !chunks.isEmpty else { throw SynthesisError(.emptyText, "the text has nothing speakable") }

        let durations: [Int]
        if let fixed = options.fixDuration {
            durations = F5Duration.fixedDurations(
                seconds: fixed,
                referenceFrames: voice.referenceFrames,
                chunks: chunks,
                crossFadeSeconds: crossFade
            ).map { F5Duration.frames(fixedSeconds: $0) }
        } else {
            durations = chunks.map { chunk in
                F5Duration.frames(
                    referenceFrames: voice.referenceFrames,
                    referenceText: voice.modelTranscript,
                    generatedText: chunk,
                    speed: speed
                )
            }
        }
        // A duration no longer than the reference would generate nothing.
        if let index = durations.firstIndex(where: { $0 <= voice.referenceFrames }) {
            throw .invalidOption("fix_duration", "leaves no time to speak chunk \(index + 1) after the \(voice.referenceSeconds) s reference")
        }
        // Official: one seed (random when absent) for the whole request.
        let seed = options.seed ?? UInt64.random(in: 0...UInt64(Int64.max))
        let cfgStrength = options.cfgStrength ?? settings.defaultCFGStrength
        let sway = options.swaySamplingCoefficient ?? settings.defaultSwaySamplingCoefficient
        self.chunks = chunks
        self.items = zip(chunks, durations).map { chunk, duration in
            F5SynthesisItem(
                itemID: "",
                voiceID: voice.id,
                text: voice.modelTranscript + chunk,
                duration: duration,
                nfeStep: nfeStep,
                cfgStrength: cfgStrength,
                swaySamplingCoef: sway,
                seed: seed
            )
        }
        self.crossFadeSamples = Int(crossFade * Double(F5Duration.sampleRate))
        self.removeSilence = options.removeSilence ?? false
        self.allAtOnce = request.delivery == .whole
    }
}
