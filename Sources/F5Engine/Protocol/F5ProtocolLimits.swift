import TextPrep

/// The size limits of a worker-protocol frame (docs/WORKER_PROTOCOL.md, "Framing").
public enum F5ProtocolLimits {
    /// The protocol version this supervisor speaks (`hello.protocol`).
    public static let version = 1
    /// The largest JSON header a frame may carry: 1 MiB.
    public static let maxHeaderBytes = 1 << 20
    /// The largest float32 payload a frame may carry: 256 MiB.
    public static let maxPayloadBytes = 256 << 20
    /// The sample rate of every payload: the model's, whose one definition is ``F5Duration/sampleRate``.
    public static let sampleRate = F5Duration.sampleRate
}
