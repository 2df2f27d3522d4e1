/// `ready`: answers `hello` (versions and device), `load` (`model`), `prepare_voice` (`voice_id`, `frames`) and `warm`
/// (`voice_id`, `graphs_captured`).
public struct F5ReadyReply: F5Message, Equatable {
    public static let kind = "ready"
    public var id: Int
    /// `hello`: the worker's protocol version.
    public var `protocol`: Int?
    /// `hello`: the worker package's version.
    public var workerVersion: String?
    /// `hello`: Python's version.
    public var python: String?
    /// `hello`: PyTorch's version.
    public var torch: String?
    /// `hello` and `load`: the device, e.g. `cuda:0` or `cpu`.
    public var device: String?
    /// `hello`: the device's marketing name.
    public var deviceName: String?
    /// `hello`: whether a model is loaded.
    public var modelLoaded: Bool?
    /// `load`: what was loaded.
    public var model: F5LoadedModel?
    /// `prepare_voice`: the voice's id.
    public var voiceID: String?
    /// `prepare_voice`: the reference's length in frames, `samples / 256` (upstream's `ref_audio_len`).
    public var frames: Int?
    /// `warm`: CUDA graphs captured for it (0 when they were all there, or without CUDA graphs).
    public var graphsCaptured: Int?

    /// Creates a reply (for tests and fake workers).
    public init(id: Int) { self.id = id }

    private enum CodingKeys: String, CodingKey {
        case id, `protocol`, python, torch, device, model, frames
        case workerVersion = "worker_version"
        case deviceName = "device_name"
        case modelLoaded = "model_loaded"
        case voiceID = "voice_id"
        case graphsCaptured = "graphs_captured"
    }
}

/// The `model` echo of a `load` reply.
public struct F5LoadedModel: Codable, Sendable, Equatable {
    public var mode: String?
    public var config: String?
    public var dtype: String?
    public var device: String?
    /// Parameters, in millions.
    public var paramsM: Double?
    public var vocabSize: Int?
    /// Seconds the load took.
    public var loadS: Double?

    private enum CodingKeys: String, CodingKey {
        case mode, config, dtype, device
        case paramsM = "params_m"
        case vocabSize = "vocab_size"
        case loadS = "load_s"
    }
}

/// `audio`: one item's generated speech (the frame's payload), at the reference's normalised loudness.
public struct F5AudioReply: F5Message, Equatable {
    public static let kind = "audio"
    public var id: Int
    /// The item this answers.
    public var itemID: String
    /// Always 24000.
    public var sampleRate: Int
    /// Frames generated (effective duration minus the reference's frames); the PCM has `(frames - 1) × 256` samples.
    public var frames: Int?
    /// Seconds spent sampling and vocoding.
    public var timings: [String: Double]?

    /// Creates a reply (for tests and fake workers).
    public init(id: Int, itemID: String, sampleRate: Int = F5ProtocolLimits.sampleRate, frames: Int? = nil) {
        self.id = id
        self.itemID = itemID
        self.sampleRate = sampleRate
        self.frames = frames
    }

    private enum CodingKeys: String, CodingKey {
        case id, frames, timings
        case itemID = "item_id"
        case sampleRate = "sample_rate"
    }
}

/// `done`: the end of a `synthesize` (with `timings`), or the answer to `cancel` and `shutdown`.
public struct F5DoneReply: F5Message, Equatable {
    public static let kind = "done"
    public var id: Int
    /// `synthesize`: `batch_s`, `batches`.
    public var timings: [String: Double]?

    /// Creates a reply.
    public init(id: Int) { self.id = id }
}

/// `error`: a failed request, or one failed item when `item_id` is set.
public struct F5ErrorReply: F5Message, Equatable {
    public static let kind = "error"
    public var id: Int
    /// `bad_request`, `unknown_voice`, `not_loaded`, `cancelled`, `out_of_memory` or `internal`.
    public var code: String
    /// A sentence for a person.
    public var message: String
    /// The item concerned, if only one is.
    public var itemID: String?

    /// Creates a reply.
    public init(id: Int, code: String, message: String, itemID: String? = nil) {
        self.id = id
        self.code = code
        self.message = message
        self.itemID = itemID
    }

    private enum CodingKeys: String, CodingKey {
        case id, code, message
        case itemID = "item_id"
    }
}

/// `stats`: the worker's counters.
public struct F5StatsReply: F5Message, Equatable {
    public static let kind = "stats"
    public var id: Int
    /// Forwards run.
    public var batches: Int
    /// Items synthesised.
    public var items: Int
    public var graphCaptures: Int?
    public var graphReplays: Int?
    /// Items waiting in the worker.
    public var queued: Int?
    /// Memory PyTorch has allocated on the device now.
    public var deviceMemoryMB: Double?
    /// The device's whole memory.
    public var deviceTotalMB: Double?
    /// Memory free on the whole device now (every process counted).
    public var deviceFreeMB: Double?
    /// The most this worker's allocator has held on the device.
    public var devicePeakMB: Double?
    public var uptimeS: Double?

    /// Creates a reply.
    public init(id: Int, batches: Int, items: Int) {
        self.id = id
        self.batches = batches
        self.items = items
    }

    private enum CodingKeys: String, CodingKey {
        case id, batches, items, queued
        case graphCaptures = "graph_captures"
        case graphReplays = "graph_replays"
        case deviceMemoryMB = "device_memory_mb"
        case deviceTotalMB = "device_total_mb"
        case deviceFreeMB = "device_free_mb"
        case devicePeakMB = "device_peak_mb"
        case uptimeS = "uptime_s"
    }
}
