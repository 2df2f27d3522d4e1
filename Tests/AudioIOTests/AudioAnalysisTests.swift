import AudioIO
import SpeechCore
import TestSupport
import Testing

@Suite struct AudioAnalysisTests {
    @Test func rmsAndPeakOfASine() {
        let sine = TestSignals.sine(frequency: 500, amplitude: 0.8, seconds: 1, sampleRate: 48_000)
        #expect(abs(AudioAnalysis.rms(sine) - 0.8 / Float(2).squareRoot()) < 1e-3)
        #expect(abs(AudioAnalysis.peak(sine) - 0.8) < 1e-3)
        #expect(AudioAnalysis.peak(PCMBuffer(samples: [0.1, -0.9, 0.5], sampleRate: 1)) == 0.9)
        #expect(AudioAnalysis.rms(PCMBuffer(samples: [], sampleRate: 1)) == 0)
    }

    @Test func decibels() {
        #expect(AudioAnalysis.decibels(fromAmplitude: 1) == 0)
        #expect(abs(AudioAnalysis.decibels(fromAmplitude: 0.1) + 20) < 1e-4)
        #expect(AudioAnalysis.decibels(fromAmplitude: 0) == -.infinity)
        #expect(abs(AudioAnalysis.amplitude(fromDecibels: -6.0206) - 0.5) < 1e-4)
    }
}

@Suite struct SilenceTrimmerTests {
    @Test func trimsBothEdgesKeepingTheMargin() {
        let rate = 16_000
        let tone = TestSignals.sine(frequency: 440, amplitude: 0.5, seconds: 0.5, sampleRate: rate).samples
        // Quiet noise below -40 dBFS before and after the tone counts as silence.
        let hiss: [Float] = (0..<rate).map { $0 % 2 == 0 ? 0.001 : -0.001 }
        let buffer = PCMBuffer(samples: hiss + tone + hiss, sampleRate: rate)
        let trimmed = SilenceTrimmer(thresholdDecibels: -40, margin: 0.05).trim(buffer)
        let margin = Int(0.05 * Double(rate))
        // The sine starts at 0, so the first loud sample is a few samples in; allow that much.
        #expect(abs(trimmed.samples.count - (tone.count + 2 * margin)) <= 4)
        #expect(abs(AudioAnalysis.peak(trimmed.samples.prefix(margin - 4))) < 0.01)
        #expect(trimmed.sampleRate == rate)
    }

    @Test func marginIsClampedAtTheEdgesAndSilenceBecomesEmpty() {
        let loud = PCMBuffer(samples: [0.5, 0.5, 0.5], sampleRate: 8_000)
        #expect(SilenceTrimmer(margin: 1).trim(loud) == loud)
        #expect(SilenceTrimmer().trim(PCMBuffer(samples: [0, 0.0001, 0], sampleRate: 8_000)).samples.isEmpty)
        #expect(SilenceTrimmer().trim(PCMBuffer(samples: [], sampleRate: 8_000)).samples.isEmpty)
    }
}

@Suite struct CrossFadeTests {
    @Test func lengthIsBothMinusTheOverlap() throws {
        let a = PCMBuffer(samples: [Float](repeating: 1, count: 1000), sampleRate: 1000)
        let b = PCMBuffer(samples: [Float](repeating: 0, count: 500), sampleRate: 1000)
        #expect(try CrossFade(seconds: 0.1).join(a, b).samples.count == 1400)
        // Longer than the shorter buffer: clamped to it.
        #expect(try CrossFade(seconds: 2).join(a, b).samples.count == 1000)
        #expect(try CrossFade(seconds: 0).join(a, b).samples.count == 1500)
    }

    @Test func fadeIsLinearAndContinuous() throws {
        let a = PCMBuffer(samples: [Float](repeating: 1, count: 1000), sampleRate: 1000)
        let b = PCMBuffer(samples: [Float](repeating: 0, count: 1000), sampleRate: 1000)
        let joined = try CrossFade(seconds: 0.1).join(a, b).samples
        let steps = zip(joined, joined.dropFirst()).map { $1 - $0 }
        // Falls from 1 to 0 in 100 equal steps of 1/101: no jump anywhere.
        #expect(steps.allSatisfy { $0 <= 0 && $0 >= -1.0 / 100 })
        #expect(joined[899] == 1)
        #expect(joined[1000] == 0)
    }

    @Test func equalSignalsPassThroughUnchanged() throws {
        let a = PCMBuffer(samples: [Float](repeating: 0.25, count: 300), sampleRate: 1000)
        let joined = try CrossFade(seconds: 0.05).join(a, a)
        #expect(joined.samples.allSatisfy { abs($0 - 0.25) < 1e-6 })
    }

    @Test func mismatchedRatesThrowAndEmptyBuffersPassThrough() throws {
        let a = PCMBuffer(samples: [0.1, 0.2], sampleRate: 1000)
        #expect(throws: AudioIOError.self) { try CrossFade(seconds: 0.001).join(a, PCMBuffer(samples: [0.3], sampleRate: 2000)) }
        #expect(try CrossFade(seconds: 1).join(a, PCMBuffer(samples: [], sampleRate: 1000)) == a)
        #expect(try CrossFade(seconds: 1).join(PCMBuffer(samples: [], sampleRate: 1000), a) == a)
    }
}
