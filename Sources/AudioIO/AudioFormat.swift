/// An encoding the server can send audio in.
public enum AudioFormat: String, Sendable, CaseIterable, Hashable {
    /// 16-bit PCM mono RIFF/WAVE.
    case wav
    /// Raw signed 16-bit little-endian mono samples, no header.
    case pcm
    /// Lossless FLAC at 16 bits.
    case flac
    /// Opus in an Ogg container.
    case opus
    /// MPEG-1/2 Layer III.
    case mp3

    /// The HTTP `Content-Type` for this format.
    public var contentType: String {
        switch self {
        case .wav: "audio/wav"
        case .pcm: "audio/pcm"
        case .flac: "audio/flac"
        case .opus: "audio/ogg"
        case .mp3: "audio/mpeg"
        }
    }

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .wav: "wav"
        case .pcm: "pcm"
        case .flac: "flac"
        case .opus: "opus"
        case .mp3: "mp3"
        }
    }
}
