import AudioIO
import F5Engine
import Foundation
import Logging
import SpeechCore
import TestSupport
import TextPrep

/// A real F5 engine on the CPU: the real worker process with the random-init `tiny` model (fp32, no CUDA graphs)
/// and one voice cloned from a generated 3 s tone-and-noise clip.
struct F5TestFixture {
    static let voiceID = "tone"
    static let referenceText = "Hello there, this is a test."

    let directory: URL
    let referenceURL: URL
    let recorder = LogRecorder()

    init() throws {
        directory = try ProjectPaths.makeTemporaryDirectory("ishowtts-f5-tests")
        referenceURL = directory.appendingPathComponent("reference.wav")
        try TestWAV.write(Self.toneAndNoise(seconds: 3, sampleRate: 22_050), to: referenceURL)
    }

    /// The voice definition.
    var voice: F5VoiceDefinition {
        F5VoiceDefinition(id: Self.voiceID, referenceAudio: referenceURL, referenceText: Self.referenceText, language: "en-US")
    }

    /// Engine settings for the CPU test model; `maxBatch` 1 makes every chunk its own batch.
    func settings(maxBatch: Int = 16) -> F5EngineSettings {
        let model = F5ModelSpec(mode: "random-init", config: "tiny", device: "cpu", dtype: "fp32", cudaGraphs: false)
        let pool = F5WorkerPoolSettings(
            command: F5WorkerCommand(
                python: ProjectPaths.root.appendingPathComponent(".venv-f5/bin/python"),
                workerPath: ProjectPaths.root.appendingPathComponent("worker"),
                environment: ["OMP_NUM_THREADS": "1"]
            ),
            model: model,
            devices: ["cpu"],
            requestTimeout: .seconds(300)
        )
        return F5EngineSettings(pool: pool, defaultNFEStep: 4, maxBatch: maxBatch)
    }

    /// Loads the engine (the workers start when it runs).
    func makeEngine(maxBatch: Int = 16) async throws -> F5Engine {
        try await F5Engine.load(voices: [voice], settings: settings(maxBatch: maxBatch), logger: recorder.logger())
    }

    /// The chunks and the exact number of samples the engine must produce for `text` at speed 1 with the default
    /// 0.15 s cross-fade: every chunk's generated frames less one × 256 (Vocos's centred ISTFT, as official
    /// `vocoder.decode`), minus one overlap per join.
    func expectedOutput(for text: String) throws -> (chunks: [String], samples: Int) {
        let reference = try ReferenceAudioPreparer().prepare(try AudioDecoder().decode(contentsOf: referenceURL))
        let maxBytes = F5TextChunker.maxChunkBytes(
            referenceText: F5Transcript.preprocessed(Self.referenceText), referenceSeconds: reference.seconds, speed: 1
        )
        let chunks = F5TextChunker.chunksForStreaming(text, maxBytes: maxBytes, firstChunkMaxBytes: 48)
        let generated = chunks.map { chunk in
            F5Duration.frames(
                referenceFrames: reference.frames, referenceText: F5Transcript.referenceText(Self.referenceText), generatedText: chunk,
                speed: 1
            ) - reference.frames - 1
        }
        let overlap = Int(0.15 * 24_000)
        return (chunks, generated.reduce(0, +) * F5Duration.hopLength - (chunks.count - 1) * overlap)
    }

    /// A 220 Hz tone with a little noise: voiced enough to pass as a reference, and reproducible.
    static func toneAndNoise(seconds: Double, sampleRate: Int) -> PCMBuffer {
        var generator = SplitMix64(seed: 42)
        let tone = TestSignals.sine(frequency: 220, amplitude: 0.05, seconds: seconds, sampleRate: sampleRate)
        let samples = tone.samples.map { $0 + Float(generator.nextUnit() - 0.5) * 0.02 }
        return PCMBuffer(samples: samples, sampleRate: sampleRate)
    }
}

/// A small deterministic random generator for test signals.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
