import CSndFile

/// The one Swift owner of a libsndfile `SNDFILE` handle, reading or writing a file or a `MemoryStream`.
///
/// Not `Sendable`: one call of the decoder or encoder creates, uses and drops it.
final class SoundFile {
    private var handle: OpaquePointer?
    /// Kept alive here because libsndfile holds only an unretained pointer to it until `sf_close`.
    private let stream: MemoryStream?
    /// What libsndfile reported (reading) or was asked for (writing).
    let info: SF_INFO

    /// Opens `stream` for reading; the container and codec are detected from the bytes.
    init(reading stream: MemoryStream) throws(AudioIOError) {
        var info = SF_INFO()
        var io = MemoryStream.virtualIO()
        guard let handle = sf_open_virtual(&io, Int32(SFM_READ), &info, stream.userData) else {
            throw .unreadable(Self.lastOpenError())
        }
        self.handle = handle
        self.stream = stream
        self.info = info
    }

    /// Opens the file at `path` for reading.
    init(readingFileAt path: String) throws(AudioIOError) {
        var info = SF_INFO()
        guard let handle = sf_open(path, Int32(SFM_READ), &info) else {
            throw .unreadable("\(path): \(Self.lastOpenError())")
        }
        self.handle = handle
        self.stream = nil
        self.info = info
    }

    /// Opens `stream` for writing mono audio of `format` (an `SF_FORMAT_*` container | codec) at `sampleRate`.
    init(writing stream: MemoryStream, format: Int, sampleRate: Int) throws(AudioIOError) {
        guard let rate = Int32(exactly: sampleRate), rate > 0 else {
            throw AudioIOError(.invalidArgument, "sample rate \(sampleRate) is not valid")
        }
        var info = SF_INFO(frames: 0, samplerate: rate, channels: 1, format: Int32(truncatingIfNeeded: format), sections: 0, seekable: 0)
        var io = MemoryStream.virtualIO()
        guard let handle = sf_open_virtual(&io, Int32(SFM_WRITE), &info, stream.userData) else {
            throw AudioIOError(.encodingFailed, "cannot start encoding: \(Self.lastOpenError())")
        }
        self.handle = handle
        self.stream = stream
        self.info = info
    }

    deinit {
        if let handle { sf_close(handle) }
    }

    /// The codec part of the format (`SF_FORMAT_PCM_16`, `SF_FORMAT_VORBIS`, …).
    var subformat: Int { Int(info.format) & Int(SF_FORMAT_SUBMASK) }

    /// Reads up to `frames` interleaved frames as floats in [-1, 1]; returns the frames read (0 at the end).
    func readFrames(into buffer: UnsafeMutableBufferPointer<Float>, frames: Int) -> Int {
        Int(sf_readf_float(handle, buffer.baseAddress, sf_count_t(frames)))
    }

    /// Reads up to `frames` interleaved frames as Int16; returns the frames read (0 at the end).
    func readFrames(into buffer: UnsafeMutableBufferPointer<Int16>, frames: Int) -> Int {
        Int(sf_readf_short(handle, buffer.baseAddress, sf_count_t(frames)))
    }

    /// Writes all of `samples` (mono floats).
    func write(_ samples: [Float]) throws(AudioIOError) {
        let written = samples.withUnsafeBufferPointer { sf_writef_float(handle, $0.baseAddress, sf_count_t($0.count)) }
        guard written == samples.count else { throw writeError() }
    }

    /// Writes all of `samples` (mono Int16).
    func write(_ samples: [Int16]) throws(AudioIOError) {
        let written = samples.withUnsafeBufferPointer { sf_writef_short(handle, $0.baseAddress, sf_count_t($0.count)) }
        guard written == samples.count else { throw writeError() }
    }

    /// Asks the Ogg muxer to cut a page at least every `milliseconds`, so streamed Ogg reaches a listener early.
    func setOggPageLatency(milliseconds: Double) {
        var value = milliseconds
        _ = sf_command(handle, Int32(SFC_SET_OGG_PAGE_LATENCY_MS), &value, Int32(MemoryLayout<Double>.size))
    }

    /// Asks for a constant bit rate (MP3) at libsndfile's `compressionLevel` (0 is the highest rate, 1 the lowest).
    func setConstantBitRate(compressionLevel: Double) {
        var mode = Int32(SF_BITRATE_MODE_CONSTANT)
        _ = sf_command(handle, Int32(SFC_SET_BITRATE_MODE), &mode, Int32(MemoryLayout<Int32>.size))
        var level = compressionLevel
        _ = sf_command(handle, Int32(SFC_SET_COMPRESSION_LEVEL), &level, Int32(MemoryLayout<Double>.size))
    }

    /// Flushes and closes the handle (encoders write their trailers and patch headers here).
    func close() throws(AudioIOError) {
        guard let handle else { return }
        self.handle = nil
        let status = sf_close(handle)
        guard status == 0 else {
            throw AudioIOError(.encodingFailed, "finishing the file failed: \(Self.message(for: status))")
        }
    }

    private func writeError() -> AudioIOError {
        AudioIOError(.encodingFailed, "encoding failed: \(Self.message(for: sf_error(handle)))")
    }

    /// Why the last `sf_open*` failed.
    ///
    /// `sf_strerror(NULL)` returns a process-wide buffer that another thread may be rewriting, so read
    /// only the error number and turn it into libsndfile's constant message text.
    private static func lastOpenError() -> String {
        message(for: sf_error(nil))
    }

    private static func message(for status: Int32) -> String {
        guard let text = sf_error_number(status) else { return "libsndfile error \(status)" }
        return String(cString: text)
    }
}
