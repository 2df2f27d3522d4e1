import Foundation
public import SpeechCore

/// A synthetic clip as `scripts/f5_golden_fixtures.py` describes it: tones and silences, in order.
///
/// The golden tests rebuild the exact clip the official code was run on, so their lengths can be compared.
public struct GoldenClipRecipe: Decodable, Sendable {
    /// One tone (`tone` ms of a `hz` sine at amplitude `amp`) or one silence (`silence` ms).
    public struct Part: Decodable, Sendable {
        public var tone: Int?
        public var silence: Int?
        public var hz: Double?
        public var amp: Double?
    }

    public var sample_rate: Int
    public var parts: [Part]

    /// The clip the Python script wrote, quantised to 16 bits like its WAV.
    public var buffer: PCMBuffer {
        var samples: [Float] = []
        for part in parts {
            if let silence = part.silence {
                samples.append(contentsOf: repeatElement(0, count: silence * sample_rate / 1000))
            } else if let tone = part.tone, let hz = part.hz, let amp = part.amp {
                for t in 0..<(tone * sample_rate / 1000) {
                    let value = amp * sin(2 * Double.pi * hz * Double(t) / Double(sample_rate))
                    let quantised = Swift.max(-32768, Swift.min(32767, (value * 32767).rounded(.toNearestOrEven)))
                    samples.append(Float(quantised) / 32768)
                }
            }
        }
        return PCMBuffer(samples: samples, sampleRate: sample_rate)
    }
}
