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

    /// A sweep from `from` to `to` Hz (linear in frequency): unlike a sine, it lines up with a copy of itself at one lag only.
    public static func chirp(from: Double, to: Double, amplitude: Float = 0.5, seconds: Double, sampleRate: Int) -> PCMBuffer {
        let count = Int(seconds * Double(sampleRate))
        let rate = Double(sampleRate)
        let sweep = (to - from) / seconds
        let samples = (0..<count).map { i -> Float in
            let t = Double(i) / rate
            return amplitude * Float(sin(2 * Double.pi * (from * t + sweep * t * t / 2)))
        }
        return PCMBuffer(samples: samples, sampleRate: sampleRate)
    }

    /// The highest normalized correlation of `candidate` against `reference` over lags 0...`maxLag` (the codec's
    /// start-up delay) and that lag: 1 means the same waveform.
    public static func bestCorrelation(_ reference: [Float], _ candidate: [Float], maxLag: Int) -> (correlation: Double, lag: Int) {
        var best = (correlation: -1.0, lag: 0)
        for lag in 0...maxLag where lag < candidate.count {
            let n = Swift.min(reference.count, candidate.count - lag)
            var dot = 0.0
            var a2 = 0.0
            var b2 = 0.0
            for i in 0..<n {
                let a = Double(reference[i])
                let b = Double(candidate[i + lag])
                dot += a * b
                a2 += a * a
                b2 += b * b
            }
            let correlation = a2 > 0 && b2 > 0 ? dot / (a2 * b2).squareRoot() : 0
            if correlation > best.correlation { best = (correlation, lag) }
        }
        return best
    }
}
