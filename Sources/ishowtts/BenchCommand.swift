import ArgumentParser
import CompositionRoot
import Foundation
import PiperEngine
import Settings
import Speech
import SpeechCore
import Synchronization

/// `ishowtts bench`: time-to-first-audio and real-time factor of a voice, side by side with `piper-tts`.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure time to first audio and real-time factor (median, p95) on fixed chat lines.",
        discussion: "With --reference-python, the Python reference `piper-tts` runs on the same voice and lines in the same run."
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "Voice to measure (default: the default voice; must be a Piper voice for the reference).")
    var voice: String?

    @Option(help: "Timed passes over the lines after warm-up.")
    var runs = 5

    @Option(help: "Untimed passes over the lines first.")
    var warmup = 1

    @Option(help: "Python with `piper-tts` installed, to measure the reference implementation too.")
    var referencePython: String?

    @Option(help: "Where to write the raw JSON results (default: bench/results/piper-<time>.json).")
    var output: String?

    @Option(
        help:
            "Milliseconds of pause before each line of either implementation, so neither is timed while the other's ONNX Runtime threads still spin."
    )
    var settleMilliseconds = 100

    func validate() throws {
        guard (1...1000).contains(runs) else { throw ValidationError("--runs must be between 1 and 1000") }
        guard (0...100).contains(warmup) else { throw ValidationError("--warmup must be between 0 and 100") }
        guard (0...10_000).contains(settleMilliseconds) else { throw ValidationError("--settle-milliseconds must be between 0 and 10000") }
    }

    func run() async throws {
        var (loaded, logger) = try options.loadConfiguration()
        // Every pass repeats the same lines: the audio cache would answer them without synthesising anything.
        loaded.api.audioCacheMegabytes = 0
        let configuration = loaded
        let voiceID = voice ?? configuration.defaultVoice

        var model: String?
        if referencePython != nil {
            guard let entry = configuration.piper.voices.first(where: { $0.id == voiceID }) else {
                throw BenchError("voice '\(voiceID)' is not a Piper voice; the piper-tts reference needs one")
            }
            model = entry.model
        }
        let referenceModel = model

        // Lines alternate between the two implementations, so a busy machine slows both alike.
        let (passes, python) = ((warmup: warmup, runs: runs), referencePython)
        // ONNX Runtime's pool threads spin for ~20 ms after a `Run`; a line started in that window shares the cores
        // with them and runs up to 50 % slower (docs/BENCHMARKS.md). A pause before each line keeps either side's
        // spinning out of the other's timing.
        let settle = Duration.milliseconds(settleMilliseconds)
        // Where each Piper piece's time went (espeak-ng, ONNX Runtime), collected from the engine's own events.
        let breakdown = PiperBreakdown()
        let hooks = SpeechSystemHooks(piperEvents: breakdown.record)
        let measured = try await options.withSpeechSystem(configuration: configuration, logger: logger, hooks: hooks) { system in
            let reference = try referenceModel.map { model in
                try PiperReference(
                    python: URL(fileURLWithPath: python ?? "python3"),
                    script: URL(fileURLWithPath: "bench/piper_reference.py"),
                    model: model
                )
            }
            try await system.speech.catalog.require(voiceID).engine.waitUntilReady()
            var ours: [BenchSample] = []
            var theirs: [BenchSample] = []
            for pass in 0..<(passes.warmup + passes.runs) {
                breakdown.isRecording = pass >= passes.warmup
                for line in BenchSentences.all {
                    try await Task.sleep(for: settle)
                    let sample = try await Self.measure(line, voiceID: voiceID, speech: system.speech)
                    if reference != nil { try await Task.sleep(for: settle) }
                    let referenceSample = try reference?.measure(line)
                    guard pass >= passes.warmup else { continue }
                    ours.append(sample)
                    if let referenceSample { theirs.append(referenceSample) }
                }
            }
            var summaries = [BenchSummary(implementation: "ishowtts (\(voiceID))", samples: ours)]
            if let reference { summaries.append(BenchSummary(implementation: reference.implementation, samples: theirs)) }
            return summaries
        }
        guard let summaries = measured else { exitInterrupted() }
        if let text = breakdown.text { print(text) }

        let report = BenchReport(summaries: summaries, machine: MachineDescription.current, runs: runs)
        print(report.text)
        let path = output ?? "bench/results/piper-\(Self.timestamp()).json"
        try report.write(to: URL(fileURLWithPath: path))
        print("raw results: \(path)")
    }

    private static func measure(_ text: String, voiceID: String, speech: SpeechService) async throws -> BenchSample {
        let job = try speech.makeJob(text: text, voiceID: voiceID, options: SynthesisOptions())
        let clock = ContinuousClock()
        let start = clock.now
        var firstAudio: Duration?
        var audioSeconds = 0.0
        for try await chunk in try await speech.start(job) {
            if firstAudio == nil { firstAudio = clock.now - start }
            audioSeconds += chunk.audio.duration
        }
        let total = clock.now - start
        return BenchSample(text: text, firstAudio: (firstAudio ?? total).seconds, total: total.seconds, audio: audioSeconds)
    }

    private static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}

/// The per-piece breakdown of the Piper engine's time during the timed passes.
final class PiperBreakdown: Sendable {
    private let state = Mutex((recording: false, phonemizing: [Double](), inference: [Double]()))

    /// Whether pieces rendered now count (not during warm-up).
    var isRecording: Bool {
        get { state.withLock { $0.recording } }
        set { state.withLock { $0.recording = newValue } }
    }

    /// The observer to hand to the engine.
    var record: PiperEngineObserver {
        { [self] event in
            guard case .pieceRendered(_, _, let phonemizing, let inference) = event else { return }
            self.state.withLock { state in
                guard state.recording else { return }
                state.phonemizing.append(phonemizing.seconds * 1000)
                state.inference.append(inference.seconds * 1000)
            }
        }
    }

    /// Medians and p95s per piece, or `nil` when no Piper piece was timed.
    var text: String? {
        state.withLock { state in
            guard let phonemize = BenchStatistics(state.phonemizing), let run = BenchStatistics(state.inference) else { return nil }
            return String(
                format: "ishowtts per piece (%d): phonemize median %.2f ms, p95 %.2f ms; ONNX Runtime run median %.2f ms, p95 %.2f ms",
                phonemize.count,
                phonemize.median,
                phonemize.p95,
                run.median,
                run.p95
            )
        }
    }
}
