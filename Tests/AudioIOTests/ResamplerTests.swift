import AudioIO
import SpeechCore
import TestSupport
import Testing

@Suite struct ResamplerTests {
    @Test(arguments: [(22_050, 24_000), (48_000, 16_000), (16_000, 48_000), (44_100, 22_050)])
    func keepsFrequencyAndLevel(from source: Int, to target: Int) throws {
        let sine = TestSignals.sine(frequency: 440, amplitude: 0.5, seconds: 1, sampleRate: source)
        let resampled = try Resampler.resample(sine, to: target)
        #expect(resampled.sampleRate == target)
        let expectedCount = Double(sine.samples.count) * Double(target) / Double(source)
        #expect(abs(Double(resampled.samples.count) - expectedCount) <= 2, "\(resampled.samples.count) frames")

        let middle = Fixtures.middle(resampled, trimming: 0.05)
        let frequency = TestSignals.zeroCrossingFrequency(middle)
        #expect(abs(frequency - 440) / 440 < 0.01, "frequency \(frequency)")
        let sourceLevel = AudioAnalysis.rms(Fixtures.middle(sine, trimming: 0.05))
        let level = AudioAnalysis.rms(middle)
        #expect(abs(level - sourceLevel) / sourceLevel < 0.02, "rms \(level) vs \(sourceLevel)")
    }

    @Test func sameRateReturnsTheInput() throws {
        let sine = TestSignals.sine(frequency: 440, seconds: 0.1, sampleRate: 24_000)
        #expect(try Resampler.resample(sine, to: 24_000) == sine)
    }

    @Test func emptyBufferTakesTheNewRate() throws {
        #expect(try Resampler.resample(PCMBuffer(samples: [], sampleRate: 22_050), to: 24_000) == PCMBuffer(samples: [], sampleRate: 24_000))
    }

    @Test func invalidRatesThrow() {
        let sine = TestSignals.sine(frequency: 440, seconds: 0.1, sampleRate: 24_000)
        for rate in [0, -1, 10_000_000] {
            let error = #expect(throws: AudioIOError.self) { try Resampler.resample(sine, to: rate) }
            #expect(error?.code == .invalidArgument)
        }
        #expect(throws: AudioIOError.self) { try Resampler.resample(PCMBuffer(samples: [0], sampleRate: 0), to: 24_000) }
    }
}
