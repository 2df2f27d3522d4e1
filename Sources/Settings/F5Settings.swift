/// The F5-TTS engine: its Python workers, model, batching and cloned voices (`[f5]`).
public struct F5Settings: Sendable, Equatable {
    /// Which weights the workers load (`mode`).
    public enum Mode: String, Sendable, Equatable, CaseIterable {
        /// The user's F5TTS_v1_Base checkpoint, vocab and Vocos.
        case checkpoint
        /// The real architecture with random weights: tests and benchmarks only.
        case randomInit = "random-init"
    }

    /// The model architecture (`model_config`).
    public enum ModelConfig: String, Sendable, Equatable, CaseIterable {
        /// The official F5TTS v1 base model.
        case base = "F5TTS_v1_Base"
        /// A few-layer model for tests (random-init only).
        case tiny
    }

    /// Whether each device keeps a loaded, warmed standby worker that takes over at once when a serving one dies
    /// (`standby`).
    public enum Standby: String, Sendable, Equatable, CaseIterable {
        /// Never.
        case off
        /// Always (also on the CPU).
        case on
        /// On a CUDA device with room for another worker's measured peak memory plus a margin.
        case auto
    }

    /// The DiT's precision (`dtype`); Vocos always runs in fp32.
    public enum DType: String, Sendable, Equatable, CaseIterable {
        case fp16, bf16, fp32
    }

    /// Whether the F5 engine runs at all (`enabled`).
    public var enabled: Bool
    /// The Python interpreter with `f5-tts` and PyTorch (`python`).
    public var python: String
    /// The folder holding the `ishowtts_worker` package (`worker_path`).
    public var workerPath: String
    /// Which weights to load (`mode`).
    public var mode: Mode
    /// The architecture (`model_config`).
    public var modelConfig: ModelConfig
    /// The checkpoint, `.safetensors` or `.pt` (`checkpoint`; required in checkpoint mode).
    public var checkpoint: String?
    /// The `vocab.txt` (`vocab`; required in checkpoint mode).
    public var vocab: String?
    /// A Vocos folder (`vocoder`); when not set, a random-init Vocos (only sensible in random-init mode).
    public var vocoder: String?
    /// One worker group per device (`devices`, e.g. `["cuda:0", "cuda:1"]` or `["cpu"]`).
    public var devices: [String]
    /// Workers per device (`workers_per_device`, 1...16).
    public var workersPerDevice: Int
    /// Standby workers (`standby`).
    public var standby: Standby
    /// DiT precision (`dtype`).
    public var dtype: DType
    /// Whether workers capture CUDA graphs (`cuda_graphs`).
    public var cudaGraphs: Bool
    /// Flow-matching steps when a request names none (`default_nfe`, 1...128).
    public var defaultNFE: Int
    /// Milliseconds a later chunk may wait to batch with others (`batch_window_ms`, 0...1000).
    public var batchWindowMilliseconds: Int
    /// Most chunks in one batch (`max_batch`, 1...64; the default 16 ran fastest on an H200, docs/BENCHMARKS.md).
    public var maxBatch: Int
    /// F5 requests admitted at once (`max_parallel`, 1...4096); more wait in line. `nil` (the default) admits enough
    /// to keep every worker's batches full: two batches' worth per worker.
    public var maxParallel: Int?
    /// Seconds a worker may take to answer before it is restarted (`request_timeout_s`, 1...3600).
    public var requestTimeoutSeconds: Int
    /// The cloned voices (`[[f5.voices]]`).
    public var voices: [F5VoiceEntry]

    /// The name `ishowtts models install` gives the F5TTS_v1_Base weights; used when `checkpoint` and `vocab` are not set.
    public static let installedWeightsName = "f5-v1-base"
    /// The name of the Vocos vocoder installed with them; used when `vocoder` is not set.
    public static let installedVocoderName = "vocos-mel-24khz"
    /// What to do about missing weights.
    static let installHint = "set it, or run `ishowtts models install \(installedWeightsName)`"

    /// Allowed range of ``workersPerDevice``.
    public static let workersPerDeviceRange = 1...16
    /// Allowed range of ``defaultNFE``.
    public static let defaultNFERange = 1...128
    /// Allowed range of ``batchWindowMilliseconds``.
    public static let batchWindowRange = 0...1000
    /// Allowed range of ``maxBatch``.
    public static let maxBatchRange = 1...64
    /// Allowed range of ``maxParallel``.
    public static let maxParallelRange = 1...4096
    /// Allowed range of ``requestTimeoutSeconds``.
    public static let requestTimeoutRange = 1...3600

    /// Creates settings; every parameter defaults to its built-in value.
    public init(
        enabled: Bool = false,
        python: String = ".venv-f5/bin/python",
        workerPath: String = "worker",
        mode: Mode = .checkpoint,
        modelConfig: ModelConfig = .base,
        checkpoint: String? = nil,
        vocab: String? = nil,
        vocoder: String? = nil,
        devices: [String] = ["cuda:0"],
        workersPerDevice: Int = 1,
        standby: Standby = .auto,
        dtype: DType = .fp16,
        cudaGraphs: Bool = true,
        defaultNFE: Int = 7,
        batchWindowMilliseconds: Int = 5,
        maxBatch: Int = 16,
        maxParallel: Int? = nil,
        requestTimeoutSeconds: Int = 60,
        voices: [F5VoiceEntry] = []
    ) {
        self.enabled = enabled
        self.python = python
        self.workerPath = workerPath
        self.mode = mode
        self.modelConfig = modelConfig
        self.checkpoint = checkpoint
        self.vocab = vocab
        self.vocoder = vocoder
        self.devices = devices
        self.workersPerDevice = workersPerDevice
        self.standby = standby
        self.dtype = dtype
        self.cudaGraphs = cudaGraphs
        self.defaultNFE = defaultNFE
        self.batchWindowMilliseconds = batchWindowMilliseconds
        self.maxBatch = maxBatch
        self.maxParallel = maxParallel
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.voices = voices
    }
}

/// One cloned voice (`[[f5.voices]]`).
public struct F5VoiceEntry: Sendable, Equatable {
    /// Voice id that requests use (`id`), same rules as Piper voice ids.
    public var id: String
    /// The reference clip, any common audio format (`reference_audio`).
    public var referenceAudio: String
    /// What is said in the clip (`reference_text`).
    public var referenceText: String
    /// BCP 47 language tag of the clip (`language`, default `en-US`).
    public var language: String
    /// The languages chat in this voice may be (`languages`, BCP 47 tags); `nil`: the clip's and the model's (Chinese
    /// and English).
    public var languages: [String]?

    /// Creates an entry.
    public init(id: String, referenceAudio: String, referenceText: String, language: String = "en-US", languages: [String]? = nil) {
        self.id = id
        self.referenceAudio = referenceAudio
        self.referenceText = referenceText
        self.language = language
        self.languages = languages
    }
}

// MARK: Decoding

extension ServerConfiguration {
    /// Reads `[f5]`; `otherVoiceIDs` are the ids other engines already use.
    static func decodeF5(_ table: inout ConfigTableReader, otherVoiceIDs: [String]) throws(ConfigurationError) -> F5Settings {
        let defaults = F5Settings()
        var settings = defaults
        settings.enabled = try table.bool("enabled", default: defaults.enabled)
        settings.python = try table.path("python", default: defaults.python)
        settings.workerPath = try table.path("worker_path", default: defaults.workerPath)
        settings.mode = try choice(&table, "mode", default: defaults.mode)
        settings.modelConfig = try choice(&table, "model_config", default: defaults.modelConfig)
        settings.checkpoint = try table.optionalPath("checkpoint")
        settings.vocab = try table.optionalPath("vocab")
        settings.vocoder = try table.optionalPath("vocoder")
        if let value = table.value("devices") {
            let key = table.keyPath("devices")
            var devices: [String] = []
            for element in try value.array(at: key) {
                let device = try element.string(at: key)
                guard device == "cpu" || device == "cuda" || device.hasPrefix("cuda:") else {
                    throw ConfigurationError(key: key, problem: "expected \"cpu\" or \"cuda:N\", got \(device.quoted)")
                }
                devices.append(device)
            }
            guard !devices.isEmpty else { throw ConfigurationError(key: key, problem: "must name at least one device") }
            settings.devices = devices
        }
        settings.workersPerDevice = try table.integer("workers_per_device", default: defaults.workersPerDevice, in: F5Settings.workersPerDeviceRange)
        if let value = table.value("standby"), let on = try? value.bool(at: table.keyPath("standby")) {
            settings.standby = on ? .on : .off  // `standby = true` reads as naturally as "on" (also from the environment)
        } else {
            settings.standby = try choice(&table, "standby", default: defaults.standby)
        }
        settings.dtype = try choice(&table, "dtype", default: defaults.dtype)
        settings.cudaGraphs = try table.bool("cuda_graphs", default: defaults.cudaGraphs)
        settings.defaultNFE = try table.integer("default_nfe", default: defaults.defaultNFE, in: F5Settings.defaultNFERange)
        settings.batchWindowMilliseconds = try table.integer(
            "batch_window_ms",
            default: defaults.batchWindowMilliseconds,
            in: F5Settings.batchWindowRange
        )
        settings.maxBatch = try table.integer("max_batch", default: defaults.maxBatch, in: F5Settings.maxBatchRange)
        settings.maxParallel = try table.optionalInteger("max_parallel", in: F5Settings.maxParallelRange)
        settings.requestTimeoutSeconds = try table.integer(
            "request_timeout_s",
            default: defaults.requestTimeoutSeconds,
            in: F5Settings.requestTimeoutRange
        )
        settings.voices = try decodeF5Voices(try table.tables("voices") ?? [], otherVoiceIDs: otherVoiceIDs)

        if settings.modelConfig == .tiny && settings.mode != .randomInit {
            throw ConfigurationError(key: table.keyPath("model_config"), problem: "\"tiny\" exists only with mode = \"random-init\"")
        }
        return settings
    }

    private static func choice<Value: RawRepresentable & CaseIterable>(
        _ table: inout ConfigTableReader,
        _ key: String,
        default defaultValue: Value
    ) throws(ConfigurationError) -> Value where Value.RawValue == String {
        guard let text = try table.optionalString(key) else { return defaultValue }
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map(\.rawValue.quoted).joined(separator: ", ")
            throw ConfigurationError(key: table.keyPath(key), problem: "expected one of \(allowed), got \(text.quoted)")
        }
        return value
    }

    private static func decodeF5Voices(_ tables: [ConfigTableReader], otherVoiceIDs: [String]) throws(ConfigurationError) -> [F5VoiceEntry] {
        var voices: [F5VoiceEntry] = []
        var firstIndex: [String: Int] = [:]
        for (index, var table) in tables.enumerated() {
            let id = try table.voiceID(in: "f5.voices", index: index, seen: &firstIndex)
            if otherVoiceIDs.contains(id) {
                throw ConfigurationError(key: table.keyPath("id"), problem: "voice id \(id.quoted) is already a Piper voice")
            }
            let voice = F5VoiceEntry(
                id: id,
                referenceAudio: try table.requiredPath("reference_audio"),
                referenceText: try table.requiredString("reference_text"),
                language: try table.string("language", default: "en-US"),
                languages: try table.optionalStringArray("languages", nonEmpty: true)
            )
            try table.finish()
            voices.append(voice)
        }
        return voices
    }
}
