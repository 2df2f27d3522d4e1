extension Voice {
    /// The longest voice id, in characters.
    public static let maxIDLength = 64

    /// Whether `id` is a valid voice id: 1...64 of `A-Z a-z 0-9 _ . -`, not `.` or `..`, so it is safe in URLs and as a
    /// file name (no path can be made of it).
    public static func isValidID(_ id: String) -> Bool {
        (1...maxIDLength).contains(id.count) && id != "." && id != ".."
            && id.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "A"..."Z", "a"..."z", "0"..."9", "_", ".", "-": true
                default: false
                }
            }
    }
}
