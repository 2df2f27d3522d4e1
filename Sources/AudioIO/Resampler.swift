import CSoxr
public import SpeechCore

/// Changes the sample rate of mono audio with libsoxr at high quality (`SOXR_HQ`, 20-bit, linear phase).
public enum Resampler {
    /// The highest rate accepted, so a bad parameter cannot allocate an absurd output buffer.
    public static let maxSampleRate = 768_000

    /// `buffer` at `rate` Hz; a buffer already at `rate` is returned unchanged.
    ///
    /// - Throws: `AudioIOError` with code `invalidArgument` for a rate outside 1…`maxSampleRate`,
    ///   `resamplingFailed` when libsoxr reports an error.
    public static func resample(_ buffer: PCMBuffer, to rate: Int) throws -> PCMBuffer {
        guard (1...maxSampleRate).contains(rate), (1...maxSampleRate).contains(buffer.sampleRate) else {
            throw AudioIOError(.invalidArgument, "cannot resample from \(buffer.sampleRate) Hz to \(rate) Hz")
        }
        if rate == buffer.sampleRate { return buffer }
        if buffer.samples.isEmpty { return PCMBuffer(samples: [], sampleRate: rate) }

        let ratio = Double(rate) / Double(buffer.sampleRate)
        // soxr_oneshot flushes its filter and yields about input × ratio frames; a little headroom avoids truncation.
        let capacity = Int((Double(buffer.samples.count) * ratio).rounded(.up)) + 16
        var output = [Float](repeating: 0, count: capacity)
        var produced = 0
        // Without an explicit spec soxr_oneshot uses low quality; ask for HQ and float32 in and out.
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        let error = buffer.samples.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                soxr_oneshot(
                    Double(buffer.sampleRate),
                    Double(rate),
                    1,
                    input.baseAddress,
                    input.count,
                    nil,
                    out.baseAddress,
                    out.count,
                    &produced,
                    &io,
                    &quality,
                    nil
                )
            }
        }
        if let error {
            throw AudioIOError(.resamplingFailed, "libsoxr: \(String(cString: error))")
        }
        output.removeSubrange(produced...)
        return PCMBuffer(samples: output, sampleRate: rate)
    }
}
