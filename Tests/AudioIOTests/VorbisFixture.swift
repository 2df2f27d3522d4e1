import CSndFile
import Foundation
import SpeechCore

@testable import AudioIO

/// Writes Ogg/Vorbis through the module's own libsndfile wrapper, since the public encoder has no Vorbis output.
enum VorbisFixture {
    static func encode(_ buffer: PCMBuffer) throws -> Data {
        let stream = MemoryStream()
        let file = try SoundFile(writing: stream, format: SF_FORMAT_OGG | SF_FORMAT_VORBIS, sampleRate: buffer.sampleRate)
        try file.write(buffer.samples)
        try file.close()
        return Data(stream.bytes)
    }
}
