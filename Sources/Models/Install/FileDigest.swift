import Crypto
import Foundation

/// Computes a ``ModelChecksum``'s digest over bytes fed in pieces, as they are downloaded.
struct FileDigest {
    private enum State {
        case md5(Insecure.MD5)
        case sha256(SHA256)
        case sha1(Insecure.SHA1)
        case none
    }

    private var state: State

    /// A digest of the kind `checksum` is; `size` is the whole file's (git's blob id starts with it).
    init(for checksum: ModelChecksum?, size: Int64?) {
        switch checksum {
        case .md5: state = .md5(Insecure.MD5())
        case .sha256: state = .sha256(SHA256())
        case .gitBlobSHA1:
            var sha1 = Insecure.SHA1()
            sha1.update(data: Data("blob \(size ?? 0)\0".utf8))
            state = .sha1(sha1)
        case nil: state = .none
        }
    }

    mutating func update(_ bytes: some DataProtocol) {
        switch state {
        case .md5(var hasher):
            hasher.update(data: bytes)
            state = .md5(hasher)
        case .sha256(var hasher):
            hasher.update(data: bytes)
            state = .sha256(hasher)
        case .sha1(var hasher):
            hasher.update(data: bytes)
            state = .sha1(hasher)
        case .none: break
        }
    }

    /// The digest in lowercase hex; `nil` when no checksum was asked for.
    func finalize() -> String? {
        switch state {
        case .md5(let hasher): hasher.finalize().hex
        case .sha256(let hasher): hasher.finalize().hex
        case .sha1(let hasher): hasher.finalize().hex
        case .none: nil
        }
    }
}

extension Digest {
    fileprivate var hex: String { map { String(format: "%02x", $0) }.joined() }
}
