import Foundation
public import SpeechCore

/// Synthetic signals with known properties, for checking audio code.
public enum TestSignals {
    /// A sine of `frequency` Hz and peak `amplitude`, `seconds` long.
    public static func sine(frequency: Double, amplitude: Float = 0.5, seconds: Double, sampleRate: Int) -> PCMBuffer {
        let count = Int(seconds * Double(sampleRate))
        let step = 2 * Double.pi * frequency / Double(sampleRate)
        let samples = (0..<count).map { amplitude * Float(sin(step * Double($0))) }
        return PCMBuffer(samples: samples, sampleRate: sampleRate)
    }

    /// The dominant frequency of `buffer`, from zero crossings (good for clean sines).
    public static func zeroCrossingFrequency(_ buffer: PCMBuffer) -> Double {
        var crossings = 0
        for i in 1..<buffer.samples.count where (buffer.samples[i - 1] < 0) != (buffer.samples[i] < 0) {
            crossings += 1
        }
        return Double(crossings) / 2 / buffer.duration
    }
}
