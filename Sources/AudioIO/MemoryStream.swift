import CSndFile
import Foundation

/// A growable byte buffer that libsndfile reads and writes through its virtual I/O callbacks.
///
/// libsndfile holds only an unretained pointer to it, so the `SoundFile` that uses it keeps it alive.
final class MemoryStream {
    /// Everything written so far, or the bytes being read.
    private(set) var bytes: [UInt8]
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

    private var length: sf_count_t { sf_count_t(bytes.count) }

    private func seek(_ offset: sf_count_t, whence: Int32) -> sf_count_t {
        let base: Int
        switch whence {
        case SEEK_SET: base = 0
        case SEEK_CUR: base = position
        case SEEK_END: base = bytes.count
        default: return -1
        }
        // Garbage input can ask for any offset; refuse positions that are negative or overflow.
        let (target, overflow) = base.addingReportingOverflow(Int(truncatingIfNeeded: offset))
        guard !overflow, target >= 0 else { return -1 }
        position = target
        return sf_count_t(position)
    }

    private func read(into pointer: UnsafeMutableRawPointer?, count: sf_count_t) -> sf_count_t {
        guard let pointer, count > 0, position < bytes.count else { return 0 }
        let n = Swift.min(Int(count), bytes.count - position)
        bytes.withUnsafeBytes { source in
            guard let base = source.baseAddress else { return }
            pointer.copyMemory(from: base + position, byteCount: n)
        }
        position += n
        return sf_count_t(n)
    }

    private func write(from pointer: UnsafeRawPointer?, count: sf_count_t) -> sf_count_t {
        guard let pointer, count > 0 else { return 0 }
        let n = Int(count)
        // Encoders seek back to patch headers and may seek past the end; fill any gap with zeros.
        if position > bytes.count { bytes.append(contentsOf: repeatElement(0, count: position - bytes.count)) }
        let overlap = Swift.min(n, bytes.count - position)
        let source = UnsafeRawBufferPointer(start: pointer, count: n)
        bytes.replaceSubrange(position..<(position + overlap), with: source)
        position += n
        return count
    }
}
