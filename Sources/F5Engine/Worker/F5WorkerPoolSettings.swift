/// How the supervisor runs its workers.
public struct F5WorkerPoolSettings: Sendable, Equatable {
    /// How to start a worker.
    public var command: F5WorkerCommand
    /// The model every worker loads (its `device` is replaced by each worker's own).
    public var model: F5ModelSpec
    /// One entry per device (`cuda:0`, `cpu`, …).
    public var devices: [String]
    /// Workers serving per device.
    public var workersPerDevice: Int
    /// Whether each device also keeps a standby worker.
    public var standby: F5StandbyPolicy
    /// How long a worker may take to answer a request (a batch, a `stats` ping); longer and it is restarted.
    public var requestTimeout: Duration
    /// How long a worker may take to start, load the model and prepare every voice.
    public var startupTimeout: Duration
    /// How often an idle worker is pinged with `stats`.
    public var healthInterval: Duration
    /// The first restart delay; it doubles after each quick failure, up to ``maxRestartDelay``.
    public var initialRestartDelay: Duration
    /// The longest restart delay.
    public var maxRestartDelay: Duration
    /// How long the engine must have had no queued or running work before a standby worker starts, loads or takes a
    /// step of its warm-up: it shares its device with a serving worker, whose chat lines must not wait for it.
    public var quietPeriod: Duration
    /// The longest a standby waits for such a quiet moment before it goes ahead anyway.
    public var quietWaitLimit: Duration

    /// Creates settings.
    public init(
        command: F5WorkerCommand,
        model: F5ModelSpec,
        devices: [String] = ["cuda:0"],
        workersPerDevice: Int = 1,
        standby: F5StandbyPolicy = .auto,
        requestTimeout: Duration = .seconds(60),
        startupTimeout: Duration = .seconds(600),
        healthInterval: Duration = .seconds(10),
        initialRestartDelay: Duration = .milliseconds(500),
        maxRestartDelay: Duration = .seconds(30),
        quietPeriod: Duration = .seconds(1),
        quietWaitLimit: Duration = .seconds(300)
    ) {
        self.command = command
        self.model = model
        self.devices = devices
        self.workersPerDevice = workersPerDevice
        self.standby = standby
        self.requestTimeout = requestTimeout
        self.startupTimeout = startupTimeout
        self.healthInterval = healthInterval
        self.initialRestartDelay = initialRestartDelay
        self.maxRestartDelay = maxRestartDelay
        self.quietPeriod = quietPeriod
        self.quietWaitLimit = quietWaitLimit
    }

    /// The device of worker `index`: workers are numbered device by device.
    func device(ofWorker index: Int) -> String {
        devices[index / max(workersPerDevice, 1)]
    }

    /// How many workers serve (devices × workers per device); standby workers come on top.
    public var workerCount: Int { devices.count * max(workersPerDevice, 1) }
}
