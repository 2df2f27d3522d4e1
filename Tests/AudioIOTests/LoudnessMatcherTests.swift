import AudioIO
import Foundation
import SpeechCore
import Testing

@Suite struct LoudnessMatcherTests {
    private func sine(amplitude: Float, seconds: Double, sampleRate: Int = 22050) -> PCMBuffer {
        let count = Int(seconds * Double(sampleRate))
        return PCMBuffer(
            samples: (0..<count).map { amplitude * Float(sin(2 * Double.pi * 440 * Double($0) / Double(sampleRate))) },
            sampleRate: sampleRate
        )
    }

    @Test func bringsAQuietClipToTheTargetLevel() {
        // A sine of amplitude 0.05 has RMS 0.05/√2 ≈ 0.0354 (−29 dBFS); −20 dBFS is RMS 0.1.
        let matched = LoudnessMatcher.match(sine(amplitude: 0.05, seconds: 1), targetDecibels: -20)
        #expect(abs(AudioAnalysis.rms(matched) - 0.1) < 0.001)
    }

    @Test func neverTurnsAClipUpPastClipping() {
        var samples = [Float](repeating: 0.001, count: 22050)
        samples[100] = 0.5  // one loud click: the gain stops where it would reach the ceiling
        let matched = LoudnessMatcher.match(PCMBuffer(samples: samples, sampleRate: 22050), targetDecibels: -10)
        #expect(abs(AudioAnalysis.peak(matched) - LoudnessMatcher.peakCeiling) < 0.0001)
    }

    @Test func silenceStaysSilent() {
        let silence = PCMBuffer(samples: [Float](repeating: 0, count: 100), sampleRate: 22050)
        #expect(LoudnessMatcher.match(silence, targetDecibels: -20) == silence)
    }

    @Test func longAudioIsCutWithAFadeAndShortAudioKept() {
        let clip = sine(amplitude: 0.5, seconds: 2)
        let cut = LoudnessMatcher.limited(clip, toSeconds: 1, fadeSeconds: 0.05)
        #expect(cut.samples.count == 22050)
        #expect(cut.samples.last == 0)
        // Before the fade the audio is untouched.
        #expect(Array(cut.samples.prefix(22050 - 1103)) == Array(clip.samples.prefix(22050 - 1103)))
        #expect(LoudnessMatcher.limited(clip, toSeconds: 5) == clip)
    }
}
