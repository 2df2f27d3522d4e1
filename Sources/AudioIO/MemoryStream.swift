import CSndFile
import Foundation

/// A growable byte buffer that libsndfile reads and writes through its virtual I/O callbacks.
///
/// libsndfile holds only an unretained pointer to it, so the `SoundFile` that uses it keeps it alive.
///
/// A streaming encoder hands finished bytes to its client with ``drain()``; they are gone from here, so a later
/// write into them (a header an encoder patches at the end, such as FLAC's total length) is dropped, and the
/// client keeps the header as first written, which every such format defines as "length unknown".
final class MemoryStream {
    /// Everything written so far and not drained, or the bytes being read.
    private(set) var bytes: [UInt8]
    /// The absolute offset of `bytes[0]`: how many bytes were drained.
    private var drained = 0
    /// The absolute read or write position.
    private var position = 0

    init(bytes: [UInt8] = []) {
        self.bytes = bytes
    }

    /// The pointer libsndfile passes back to the callbacks.
    var userData: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// Callbacks that route libsndfile's I/O to the stream behind `userData`; libsndfile copies the table.
    static func virtualIO() -> SF_VIRTUAL_IO {
        SF_VIRTUAL_IO(
            get_filelen: { userData in MemoryStream.stream(userData)?.length ?? -1 },
            seek: { offset, whence, userData in MemoryStream.stream(userData)?.seek(offset, whence: whence) ?? -1 },
            read: { pointer, count, userData in MemoryStream.stream(userData)?.read(into: pointer, count: count) ?? 0 },
            write: { pointer, count, userData in MemoryStream.stream(userData)?.write(from: pointer, count: count) ?? 0 },
            tell: { userData in MemoryStream.stream(userData).map { sf_count_t($0.position) } ?? -1 }
        )
    }

    private static func stream(_ userData: UnsafeMutableRawPointer?) -> MemoryStream? {
        userData.map { Unmanaged<MemoryStream>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Appends bytes directly, for formats written without libsndfile.
    func append(_ data: Data) {
        bytes.append(contentsOf: data)
        position = drained + bytes.count
    }

    /// Takes every byte written so far, leaving the stream empty but its positions unchanged.
    func drain() -> [UInt8] {
        defer {
            drained += bytes.count
            bytes = []
        }
        return bytes
    }

    private var length: sf_count_t { sf_count_t(drained + bytes.count) }

    private func seek(_ offset: sf_count_t, whence: Int32) -> sf_count_t {
        let base: Int
        switch whence {
        case SEEK_SET: base = 0
        case SEEK_CUR: base = position
        case SEEK_END: base = drained + bytes.count
        default: return -1
        }
        // Garbage input can ask for any offset; refuse positions that are negative or overflow.
        let (target, overflow) = base.addingReportingOverflow(Int(truncatingIfNeeded: offset))
        guard !overflow, target >= 0 else { return -1 }
        position = target
        return sf_count_t(position)
    }

    private func read(into pointer: UnsafeMutableRawPointer?, count: sf_count_t) -> sf_count_t {
        let local = position - drained
        guard let pointer, count > 0, local >= 0, local < bytes.count else { return 0 }
        let n = Swift.min(Int(count), bytes.count - local)
        bytes.withUnsafeBytes { source in
            guard let base = source.baseAddress else { return }
            pointer.copyMemory(from: base + local, byteCount: n)
        }
        position += n
        return sf_count_t(n)
    }

    private func write(from pointer: UnsafeRawPointer?, count: sf_count_t) -> sf_count_t {
        guard let pointer, count > 0 else { return 0 }
        let n = Int(count)
        var source = UnsafeRawBufferPointer(start: pointer, count: n)
        // The part of a write that falls on drained bytes is already with the client: drop it.
        let skipped = Swift.min(Swift.max(drained - position, 0), n)
        guard skipped < n else {
            position += n
            return count
        }
        source = UnsafeRawBufferPointer(rebasing: source[skipped...])
        let local = position + skipped - drained
        // Encoders seek back to patch headers and may seek past the end; fill any gap with zeros.
        if local > bytes.count { bytes.append(contentsOf: repeatElement(0, count: local - bytes.count)) }
        let overlap = Swift.min(source.count, bytes.count - local)
        bytes.replaceSubrange(local..<(local + overlap), with: source)
        position += n
        return count
    }
}
