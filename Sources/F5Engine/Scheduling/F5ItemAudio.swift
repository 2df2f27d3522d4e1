/// One chunk's generated samples (24 kHz, at the reference's normalised loudness), delivered in chunk order.
public struct F5ItemAudio: Sendable, Equatable {
    /// The chunk's position in its request.
    public let index: Int
    /// The samples.
    public let samples: [Float]
}
