import Foundation

/// The container of an uploaded clip, recognised from its first bytes: names the stored original (`original.mp3`).
enum StoredClipFormat: String, CaseIterable {
    case wav, flac, ogg, mp3

    /// The formats the library takes, for error messages.
    static var supportedList: String { "WAV, FLAC, Ogg (Opus or Vorbis), MP3" }

    /// The HTTP content type of files in this container.
    var contentType: String {
        switch self {
        case .wav: "audio/wav"
        case .flac: "audio/flac"
        case .ogg: "audio/ogg"
        case .mp3: "audio/mpeg"
        }
    }

    /// The container `bytes` start like, if any of these.
    init?(sniffing bytes: Data) {
        let head = [UInt8](bytes.prefix(12))
        func starts(_ text: String) -> Bool { head.starts(with: Array(text.utf8)) }
        if starts("RIFF"), head.count >= 12, Array(head[8..<12]) == Array("WAVE".utf8) {
            self = .wav
        } else if starts("fLaC") {
            self = .flac
        } else if starts("OggS") {
            self = .ogg
        } else if starts("ID3") || (head.count >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0) {
            self = .mp3
        } else {
            return nil
        }
    }
}
