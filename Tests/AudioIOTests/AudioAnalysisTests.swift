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
