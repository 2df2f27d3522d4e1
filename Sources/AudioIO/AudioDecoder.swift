import CSndFile
public import Foundation
public import SpeechCore

/// Decodes uploaded audio (WAV, FLAC, Ogg/Vorbis, Ogg/Opus, MP3, and whatever else libsndfile reads) to mono.
///
/// ```swift
/// let clip = try AudioDecoder(maxSeconds: 30).decode(uploadedBody)
/// let reference = try Resampler.resample(clip, to: 24_000)
/// ```
public struct AudioDecoder: Sendable {
    /// The longest audio accepted, in seconds; longer input throws `tooLong` instead of filling memory.
    public var maxSeconds: Double

    /// The highest source sample rate accepted; higher rates are refused as unsupported.
    public static let maxSampleRate = 384_000

    /// Frames decoded per libsndfile call.
    private static let blockFrames = 4096

    /// Creates a decoder that accepts at most `maxSeconds` of audio.
    public init(maxSeconds: Double = 600) {
        self.maxSeconds = maxSeconds
    }

    /// Decodes a whole file held in memory.
    ///
    /// - Throws: `AudioIOError`: `emptyInput` for no bytes or no frames, `unreadable` for bytes libsndfile does not
    ///   recognise, `unsupported` for a recognised file of an unusable shape, `tooLong` past `maxSeconds`.
    public func decode(_ data: Data) throws -> PCMBuffer {
        try decode([UInt8](data))
    }

    /// Decodes a whole file held in memory (see `decode(_:)` for `Data`).
    public func decode(_ bytes: [UInt8]) throws -> PCMBuffer {
        guard !bytes.isEmpty else { throw AudioIOError.emptyInput() }
        return try read(SoundFile(reading: MemoryStream(bytes: bytes)))
    }

    /// Decodes the file at `url`, which must be a `file:` URL.
    public func decode(contentsOf url: URL) throws -> PCMBuffer {
        guard url.isFileURL else { throw AudioIOError(.invalidArgument, "\(url) is not a file URL") }
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw AudioIOError.unreadable("no file at \(path)")
        }
        return try read(SoundFile(readingFileAt: path))
    }

    private func read(_ file: SoundFile) throws -> PCMBuffer {
        let channels = Int(file.info.channels)
        let sampleRate = Int(file.info.samplerate)
        guard channels > 0 else { throw AudioIOError(.unsupported, "the audio has no channels") }
        guard (1...Self.maxSampleRate).contains(sampleRate) else {
            throw AudioIOError(.unsupported, "sample rate \(sampleRate) Hz is not supported")
        }
        guard maxSeconds.isFinite, maxSeconds > 0 else {
            throw AudioIOError(.invalidArgument, "maxSeconds must be a positive number, not \(maxSeconds)")
        }
        let maxFrames = Int((maxSeconds * Double(sampleRate)).rounded(.down))
        // The header's frame count is a cheap early refusal; SF_COUNT_MAX means "unknown", and a lying header is
        // caught by the running count below anyway.
        let announced = Int(file.info.frames)
        if announced > maxFrames, announced < Int(Int64.max) { throw AudioIOError.tooLong(limit: maxSeconds) }

        var mono: [Float] = []
        mono.reserveCapacity(Swift.min(Swift.max(announced, 0), maxFrames))
        // 16-bit sources go through PCMConversion's symmetric scale so that decode → encode is lossless
        // (libsndfile reads Int16 as x / 32768 but writes float as x × 32767).
        if file.subformat == Int(SF_FORMAT_PCM_16) {
            try readBlocks(of: Int16.self, from: file, channels: channels, maxFrames: maxFrames, into: &mono) {
                file.readFrames(into: $0, frames: $1)
            } convert: {
                PCMConversion.float(from: $0)
            }
        } else {
            // A float file can hold NaN or infinity; treat those as silence so they cannot poison later DSP.
            try readBlocks(of: Float.self, from: file, channels: channels, maxFrames: maxFrames, into: &mono) {
                file.readFrames(into: $0, frames: $1)
            } convert: {
                $0.isFinite ? $0 : 0
            }
        }
        guard !mono.isEmpty else { throw AudioIOError.emptyInput("the audio contains no samples") }
        return PCMBuffer(samples: mono, sampleRate: sampleRate)
    }

    /// Reads blocks of interleaved frames until the end, averaging the channels of each frame into `mono`.
    private func readBlocks<Sample: Numeric>(
        of _: Sample.Type,
        from file: SoundFile,
        channels: Int,
        maxFrames: Int,
        into mono: inout [Float],
        readBlock: (UnsafeMutableBufferPointer<Sample>, Int) -> Int,
        convert: (Sample) -> Float
    ) throws {
        var block = [Sample](repeating: 0, count: Self.blockFrames * channels)
        let scale = 1 / Float(channels)
        while true {
            let frames = block.withUnsafeMutableBufferPointer { readBlock($0, Self.blockFrames) }
            guard frames > 0 else { return }
            guard mono.count + frames <= maxFrames else { throw AudioIOError.tooLong(limit: maxSeconds) }
            if channels == 1 {
                mono.append(contentsOf: block[0..<frames].lazy.map(convert))
            } else {
                // Average rather than sum so that a full-scale stereo file stays within [-1, 1].
                for frame in 0..<frames {
                    var sum: Float = 0
                    for channel in 0..<channels { sum += convert(block[frame * channels + channel]) }
                    mono.append(sum * scale)
                }
            }
        }
    }
}
