import Foundation

/// Which YouTube live chat to read: a video's (by id or any of its watch addresses), or the signed-in channel's
/// current broadcast.
public enum YouTubeStream: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The live video with this 11-character id.
    case video(String)
    /// The signed-in channel's live broadcast, whichever it is (needs OAuth).
    case ownBroadcast

    /// What ``init(_:)`` accepts, for error messages.
    public static let rule = "a YouTube video id, a watch/live/youtu.be address, or \"mine\" (the signed-in channel's live broadcast)"

    /// Parses `text`: `dQw4w9WgXcQ`, `https://www.youtube.com/watch?v=…`, `youtu.be/…`, `youtube.com/live/…`, or `mine`.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "mine" {
            self = .ownBroadcast
            return
        }
        if Self.isVideoID(trimmed) {
            self = .video(trimmed)
            return
        }
        let withScheme = trimmed.contains("://") ? trimmed : "https://\(trimmed)"
        guard let components = URLComponents(string: withScheme), let host = components.host?.lowercased() else { return nil }
        let path = components.path.split(separator: "/").map(String.init)
        var candidate: String?
        switch host {
        case "youtu.be":
            candidate = path.first
        case "youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com":
            if path.first == "watch" {
                candidate = components.queryItems?.first { $0.name == "v" }?.value
            } else if path.count >= 2, ["live", "shorts", "embed", "v"].contains(path[0]) {
                candidate = path[1]
            }
        default:
            return nil
        }
        guard let candidate, Self.isVideoID(candidate) else { return nil }
        self = .video(candidate)
    }

    /// The video id, or `mine`.
    public var name: String {
        switch self {
        case .video(let id): id
        case .ownBroadcast: "mine"
        }
    }

    public var description: String { name }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.name < rhs.name }

    /// YouTube video ids are 11 characters of the URL-safe base64 alphabet.
    static func isVideoID(_ text: String) -> Bool {
        text.count == 11 && text.unicodeScalars.allSatisfy { CharacterSet.youTubeID.contains($0) }
    }
}

extension CharacterSet {
    fileprivate static let youTubeID = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
}
