/// Whether each device keeps a standby worker: loaded, warmed and health-checked, but given no batches until a
/// serving worker on its device dies, when it takes over at once (a cold start takes seconds; a takeover does not).
public enum F5StandbyPolicy: String, Sendable, Equatable, CaseIterable {
    /// Never.
    case off
    /// Always, once the device's first worker is ready (also on the CPU, where it doubles memory and competes for cores).
    case on
    /// On a CUDA device whose free memory, once the first worker is ready and warmed, holds another worker's measured
    /// peak plus ``memoryMarginFactor`` and ``memoryMarginMB``; never on the CPU.
    case auto

    /// Room for a worker's peak to grow with larger batches than its warm-up ran.
    public static let memoryMarginFactor = 1.25
    /// What a worker holds outside PyTorch's allocator (CUDA context, cuBLAS workspace, kernels), which `device_peak_mb`
    /// does not count.
    public static let memoryMarginMB = 1536.0

    /// Whether a standby worker fits beside the serving ones, judged from a ready worker's `stats`; `nil` when the
    /// worker reported no device memory (a CPU worker, or an older worker).
    public static func fits(_ stats: F5StatsReply) -> Bool? {
        guard let free = stats.deviceFreeMB, let peak = stats.devicePeakMB else { return nil }
        return free >= peak * memoryMarginFactor + memoryMarginMB
    }
}
