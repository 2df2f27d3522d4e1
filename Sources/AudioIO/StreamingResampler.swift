import CSoxr

/// Resamples a stream of mono chunks with one libsoxr filter, so chunk boundaries leave no clicks or gaps.
///
/// Not `Sendable`: one response owns it. Feed chunks to ``process(_:)``, then call ``finish()`` once for the
/// filter's tail.
public final class StreamingResampler {
    /// The input rate.
    public let inputRate: Int
    /// The output rate.
    public let outputRate: Int
    private let soxr: soxr_t
    private let ratio: Double

    /// A resampler from `inputRate` to `outputRate` at libsoxr's high quality, as ``Resampler`` uses.
    ///
    /// - Throws: `AudioIOError` with code `invalidArgument` for a rate outside 1…``Resampler/maxSampleRate``.
    public init(from inputRate: Int, to outputRate: Int) throws {
        guard (1...Resampler.maxSampleRate).contains(inputRate), (1...Resampler.maxSampleRate).contains(outputRate) else {
            throw AudioIOError(.invalidArgument, "cannot resample from \(inputRate) Hz to \(outputRate) Hz")
        }
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var error: soxr_error_t?
        let handle = soxr_create(Double(inputRate), Double(outputRate), 1, &error, &io, &quality, nil)
        guard let handle, error == nil else {
            throw AudioIOError(.resamplingFailed, "libsoxr: \(error.map { String(cString: $0) } ?? "cannot start")")
        }
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.soxr = handle
        self.ratio = Double(outputRate) / Double(inputRate)
    }

    deinit { soxr_delete(soxr) }

    /// The resampled audio libsoxr can give for `samples` now (it holds back a filter's length until ``finish()``).
    public func process(_ samples: [Float]) throws -> [Float] {
        guard !samples.isEmpty else { return [] }
        return try run(samples, flushing: false)
    }

    /// The rest of the audio: the filter's tail. Call once, after the last ``process(_:)``.
    public func finish() throws -> [Float] {
        try run([], flushing: true)
    }

    private func run(_ samples: [Float], flushing: Bool) throws -> [Float] {
        var result: [Float] = []
        var output = [Float](repeating: 0, count: Int((Double(Swift.max(samples.count, 4096)) * ratio).rounded(.up)) + 64)
        var consumed = 0
        // libsoxr may need several calls to take all input (and, when flushing, to drain its filter).
        while true {
            var used = 0
            var produced = 0
            let error = samples.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    if flushing {
                        return soxr_process(soxr, nil, 0, nil, out.baseAddress, out.count, &produced)
                    }
                    return soxr_process(
                        soxr,
                        input.baseAddress.map { $0 + consumed },
                        input.count - consumed,
                        &used,
                        out.baseAddress,
                        out.count,
                        &produced
                    )
                }
            }
            if let error { throw AudioIOError(.resamplingFailed, "libsoxr: \(String(cString: error))") }
            consumed += used
            result.append(contentsOf: output[0..<produced])
            if flushing ? produced == 0 : (consumed == samples.count && produced < output.count) { return result }
        }
    }
}
