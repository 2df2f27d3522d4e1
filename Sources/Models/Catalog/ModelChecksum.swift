/// A digest a catalog publishes for a file.
public enum ModelChecksum: Sendable, Codable, Equatable {
    /// MD5, hex (the Piper voice catalog's `md5_digest`).
    case md5(String)
    /// SHA-256, hex (a model hub's LFS object id).
    case sha256(String)
    /// Git's blob id, SHA-1 of `blob <size>\0` and the bytes, hex (a model hub's id for a small file kept in git).
    case gitBlobSHA1(String)

    /// The expected digest, lowercased hex.
    var hex: String {
        switch self {
        case .md5(let hex), .sha256(let hex), .gitBlobSHA1(let hex): hex.lowercased()
        }
    }

    /// The algorithm's name, for messages.
    var algorithm: String {
        switch self {
        case .md5: "MD5"
        case .sha256: "SHA-256"
        case .gitBlobSHA1: "git blob SHA-1"
        }
    }
}
