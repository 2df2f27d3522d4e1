/// One piece of a streamed synthesis: the audio for one span of the input text, in order.
public struct AudioChunk: Sendable, Equatable {
    /// Position of this chunk in its stream, from 0.
    public let index: Int
    /// The text this chunk speaks (for captions and logs).
    public let text: String
    /// The audio.
    public let audio: PCMBuffer

    /// Creates a chunk.
    public init(index: Int, text: String, audio: PCMBuffer) {
        self.index = index
        self.text = text
        self.audio = audio
    }
}
