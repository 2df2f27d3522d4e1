import AudioIO
import Foundation
import Testing

@Suite struct PCMConversionTests {
    @Test func outOfRangeValuesClampAndNaNIsSilence() {
        #expect(PCMConversion.int16(from: 2.0) == 32767)
        #expect(PCMConversion.int16(from: -2.0) == -32767)
        #expect(PCMConversion.int16(from: 1.0) == 32767)
        #expect(PCMConversion.int16(from: -1.0) == -32767)
        #expect(PCMConversion.int16(from: .nan) == 0)
        #expect(PCMConversion.int16(from: .infinity) == 32767)
        #expect(PCMConversion.int16(from: -.infinity) == -32767)
        #expect(PCMConversion.int16(from: 0.5) == 16384)  // 16383.5 rounds away from zero
    }

    @Test func roundsHalfAwayFromZeroLikeTheStandardLibrary() {
        // Every half-way point and the floats on either side of it, where adding 0.5 and truncating goes wrong.
        for step in stride(from: -32767, through: 32766, by: 1) {
            let half = (Float(step) + 0.5) / 32767
            for sample in [half.nextDown, half, half.nextUp] {
                let expected = Int16((sample * 32767).rounded())
                if PCMConversion.int16(from: sample) != expected {
                    Issue.record("\(sample) gave \(PCMConversion.int16(from: sample)), not \(expected)")
                    return
                }
            }
        }
    }

    @Test func int16ToFloatStaysInRangeAndRoundTrips() {
        #expect(PCMConversion.float(from: .max) == 1)
        #expect(PCMConversion.float(from: .min) == -1)
        for value in stride(from: Int(Int16.min) + 1, through: Int(Int16.max), by: 1) {
            let sample = Int16(value)
            if PCMConversion.int16(from: PCMConversion.float(from: sample)) != sample {
                Issue.record("\(sample) does not round-trip")
                return
            }
        }
    }

    @Test func littleEndianBytes() {
        let data = PCMConversion.int16LittleEndianData(from: [1.0, -1.0, 0, 2.0, .nan])
        #expect([UInt8](data) == [0xFF, 0x7F, 0x01, 0x80, 0x00, 0x00, 0xFF, 0x7F, 0x00, 0x00])
        #expect(PCMConversion.floatSamples(fromInt16LittleEndian: data) == [1, -1, 0, 1, 0])
        // A trailing odd byte is not half a sample.
        #expect(PCMConversion.floatSamples(fromInt16LittleEndian: data + [0x12]).count == 5)
    }
}
