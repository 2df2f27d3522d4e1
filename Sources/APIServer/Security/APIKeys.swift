/// The configured API keys and what each may do.
public struct APIKeys: Sendable, Equatable {
    /// Keys that may do everything.
    public var admin: [String]
    /// Keys that may only read the playback stream, the events and queued audio.
    public var player: [String]

    /// Creates the key set; with no key at all the API is open.
    public init(admin: [String] = [], player: [String] = []) {
        self.admin = admin
        self.player = player
    }

    /// Whether no key is configured (then nothing asks for one).
    public var isEmpty: Bool { admin.isEmpty && player.isEmpty }

    /// The scope `presented` grants, or `nil` when it is no key of ours.
    ///
    /// Every key is compared, each in time that depends only on the configured key's length, so the answer's timing
    /// tells nothing about how much of a guess was right or which key it resembled.
    func scope(of presented: String) -> AccessScope? {
        let bytes = Array(presented.utf8)
        var isAdmin = false
        var isPlayer = false
        for key in admin { isAdmin = Self.constantTimeEquals(bytes, Array(key.utf8)) || isAdmin }
        for key in player { isPlayer = Self.constantTimeEquals(bytes, Array(key.utf8)) || isPlayer }
        return isAdmin ? .admin : isPlayer ? .player : nil
    }

    /// Compares all of `key` whatever `presented` holds: no early exit on the first differing byte or on length.
    static func constantTimeEquals(_ presented: [UInt8], _ key: [UInt8]) -> Bool {
        var difference = UInt64(truncatingIfNeeded: presented.count ^ key.count)
        for index in key.indices {
            let byte = index < presented.count ? presented[index] : 0
            difference |= UInt64(byte ^ key[index])
        }
        return difference == 0
    }
}

/// What a key may do.
enum AccessScope: Sendable, Comparable {
    /// Read the playback stream, the events and queued audio.
    case player
    /// Everything.
    case admin
}

extension APIKeys: CustomStringConvertible {
    /// How many keys of each scope there are, never their values.
    public var description: String { "APIKeys(admin: \(admin.count), player: \(player.count))" }
}
