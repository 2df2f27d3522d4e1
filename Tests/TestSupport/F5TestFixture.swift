public import F5Engine
public import Foundation
public import Logging
public import Settings
public import SpeechCore

/// A real F5 engine on the CPU: the real worker process with the random-init `tiny` model (fp32, no CUDA graphs)
/// and one voice cloned from a generated 3 s tone-and-noise clip. `events` records what the engine does.
public struct F5TestFixture: Sendable {
    /// The cloned voice's id.
    public static let voiceID = "tone"
    /// What the reference clip "says".
    public static let referenceText = "Hello there, this is a test."

    /// A fresh temporary directory holding the clip.
    public let directory: URL
    /// The reference clip.
    public let referenceURL: URL
    /// Every event the engines made from this fixture report.
    public let events = EventRecorder<F5EngineEvent>()

    /// Writes the reference clip into a new temporary directory.
    public init() throws {
        directory = try ProjectPaths.makeTemporaryDirectory("ishowtts-f5-tests")
        referenceURL = directory.appendingPathComponent("reference.wav")
        try TestWAV.write(Self.toneAndNoise(seconds: 3, sampleRate: 22_050), to: referenceURL)
    }

    /// The voice definition.
    public var voice: ClonedVoiceDefinition {
        ClonedVoiceDefinition(id: Self.voiceID, referenceAudio: referenceURL, referenceText: Self.referenceText, language: "en-US")
    }

    /// Engine settings for the CPU test model; `maxBatch` 1 makes every chunk its own batch.
    public func settings(maxBatch: Int = 16, standby: F5StandbyPolicy = .auto, quietPeriod: Duration = .seconds(1)) -> F5EngineSettings {
        let model = F5ModelSpec(mode: "random-init", config: "tiny", device: "cpu", dtype: "fp32", cudaGraphs: false)
        let pool = F5WorkerPoolSettings(
            command: F5WorkerCommand(
                python: ProjectPaths.root.appendingPathComponent(".venv-f5/bin/python"),
                workerPath: ProjectPaths.root.appendingPathComponent("worker"),
                environment: ["OMP_NUM_THREADS": "1"]
            ),
            model: model,
            devices: ["cpu"],
            standby: standby,
            requestTimeout: .seconds(300),
            quietPeriod: quietPeriod
        )
        return F5EngineSettings(pool: pool, defaultNFEStep: 4, maxBatch: maxBatch)
    }

    /// The same engine as a configuration, for tests that go through the composition root (the default voice is
    /// the clone, and the Piper voice is the installed one).
    public func configuration(maxBatch: Int = 16) -> ServerConfiguration {
        var configuration = ServerConfiguration(defaultVoice: Self.voiceID)
        configuration.piper.voices = [PiperVoiceEntry(id: "joe", model: ProjectPaths.defaultPiperModel.path)]
        configuration.f5 = F5Settings(
            enabled: true,
            python: ProjectPaths.root.appendingPathComponent(".venv-f5/bin/python").path,
            workerPath: ProjectPaths.root.appendingPathComponent("worker").path,
            mode: .randomInit,
            modelConfig: .tiny,
            devices: ["cpu"],
            dtype: .fp32,
            cudaGraphs: false,
            defaultNFE: 4,
            maxBatch: maxBatch,
            requestTimeoutSeconds: 300,
            voices: [F5VoiceEntry(id: Self.voiceID, referenceAudio: referenceURL.path, referenceText: Self.referenceText)]
        )
        return configuration
    }

    /// Loads the engine (the workers start when it runs).
    public func makeEngine(maxBatch: Int = 16, standby: F5StandbyPolicy = .auto, quietPeriod: Duration = .seconds(1)) async throws -> F5Engine {
        try await F5Engine.load(
            voices: [voice],
            settings: settings(maxBatch: maxBatch, standby: standby, quietPeriod: quietPeriod),
            logger: Self.logger,
            observer: events.observer
        )
    }

    /// Logs warnings and worse, to help when a test fails.
    public static let logger: Logger = {
        var logger = Logger(label: "F5TestFixture")
        logger.logLevel = .warning
        return logger
    }()

    /// A 220 Hz tone with a little noise: voiced enough to pass as a reference, and reproducible.
    public static func toneAndNoise(seconds: Double, sampleRate: Int) -> PCMBuffer {
        var generator = SplitMix64(seed: 42)
        let tone = TestSignals.sine(frequency: 220, amplitude: 0.05, seconds: seconds, sampleRate: sampleRate)
        let samples = tone.samples.map { $0 + Float(generator.nextUnit() - 0.5) * 0.02 }
        return PCMBuffer(samples: samples, sampleRate: sampleRate)
    }
}

/// A small deterministic random generator for test signals.
public struct SplitMix64: Sendable {
    private var state: UInt64
    /// Starts the sequence at `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// Runs `engine` (its worker supervisor) around `body`, once a worker is ready; stops it afterwards.
public func withRunning<T: Sendable>(_ engine: F5Engine, _ body: () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await engine.run() }
        defer { group.cancelAll() }
        try await engine.waitUntilReady()
        return try await body()
    }
}

/// Stops process `pid` (SIGSTOP) around `body` and lets it go on (SIGCONT) afterwards, whatever happens: a worker
/// that is alive but makes no progress, so whatever it was given stays in flight.
public func withProcessStopped<T>(_ pid: Int32, _ body: () async throws -> T) async rethrows -> T {
    kill(pid, SIGSTOP)
    defer { kill(pid, SIGCONT) }
    return try await body()
}
