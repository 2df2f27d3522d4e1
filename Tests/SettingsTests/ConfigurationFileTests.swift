import Foundation
import Logging
import Settings
import Testing

@Suite("Configuration files")
struct ConfigurationFileTests {
    @Test func fullFileSetsEveryKey() throws {
        let fixture = try ConfigurationFixture()
        defer { fixture.remove() }
        let file = try fixture.write(
            """
            bind_addr = "0.0.0.0:9000"
            default_voice = "walter"
            data_dir = "/var/lib/ishowtts"
            log_level = "debug"

            [api]
            max_text_chars = 1000
            max_body_bytes = 2048

            [piper]
            num_threads = 4
            max_parallel = 3
            noise_scale = 0.5
            noise_w = 1  # an integer is fine where a number is expected
            length_scale = 1.25

            [[piper.voices]]
            id = "walter"
            model = "/voices/walter.onnx"

            [[piper.voices]]
            id = "libri.tts-2"
            model = "/voices/libritts.onnx"
            config = "/voices/libritts.json"
            speaker = 12
            """
        )
        let configuration = try ServerConfiguration.load(file: file, environment: [:], currentDirectory: "/srv/tts")
        // Compared section by section, so sections that other engines add (with their own tests) do not matter here.
        #expect(configuration.bindAddress == BindAddress(host: "0.0.0.0", port: 9000))
        #expect(configuration.defaultVoice == "walter")
        #expect(configuration.dataDirectory == "/var/lib/ishowtts")
        #expect(configuration.logLevel == .debug)
        var api = APISettings(maxTextCharacters: 1000, maxBodyBytes: 2048)
        api.webDirectory = "/srv/tts/web"  // not in the file: the built-in default, against the working directory
        #expect(configuration.api == api)
        let piper = PiperSettings(
            numThreads: 4,
            maxParallel: 3,
            noiseScale: 0.5,
            noiseW: 1,
            lengthScale: 1.25,
            voices: [
                PiperVoiceEntry(id: "walter", model: "/voices/walter.onnx"),
                PiperVoiceEntry(id: "libri.tts-2", model: "/voices/libritts.onnx", config: "/voices/libritts.json", speaker: 12),
            ]
        )
        #expect(configuration.piper == piper)
    }

    @Test func partialFileKeepsTheOtherDefaults() throws {
        let fixture = try ConfigurationFixture()
        defer { fixture.remove() }
        let file = try fixture.write("[f5]\nmax_parallel = 8\n")
        var configuration = try ServerConfiguration.load(file: file, environment: [:], currentDirectory: "/srv/tts")
        #expect(configuration.f5.maxParallel == 8)
        configuration.f5.maxParallel = nil
        #expect(configuration == (try ServerConfiguration.load(file: nil, environment: [:], currentDirectory: "/srv/tts")))
    }

    @Test func emptyFileEqualsNoFile() throws {
        let fixture = try ConfigurationFixture()
        defer { fixture.remove() }
        let file = try fixture.write("# nothing here\n")
        let configuration = try ServerConfiguration.load(file: file, environment: [:], currentDirectory: "/srv/tts")
        #expect(configuration == (try ServerConfiguration.load(file: nil, environment: [:], currentDirectory: "/srv/tts")))
    }

    @Test func relativePathsResolveAgainstTheFilesDirectory() throws {
        let fixture = try ConfigurationFixture()
        defer { fixture.remove() }
        try fixture.write(
            """
            data_dir = "state"
            default_voice = "a"

            [[piper.voices]]
            id = "a"
            model = "../voices/a.onnx"
            config = "./a.json"
            """,
            to: "conf/ishowtts.toml"
        )
        let base = fixture.directory.standardizedFileURL.path
        // The file itself is given relative to the current directory.
        let configuration = try ServerConfiguration.load(file: "conf/ishowtts.toml", environment: [:], currentDirectory: base)
        #expect(configuration.dataDirectory == "\(base)/conf/state")
        #expect(configuration.piper.voices == [PiperVoiceEntry(id: "a", model: "\(base)/voices/a.onnx", config: "\(base)/conf/a.json")])
    }

    @Test func defaultsLeftOutOfAFileStillResolveAgainstTheCurrentDirectory() throws {
        let fixture = try ConfigurationFixture()
        defer { fixture.remove() }
        let file = try fixture.write("[piper]\nnum_threads = 1\n", to: "conf/ishowtts.toml")
        let configuration = try ServerConfiguration.load(file: file, environment: [:], currentDirectory: "/srv/tts")
        #expect(configuration.dataDirectory == "/srv/tts/data")
        #expect(configuration.piper.voices.map(\.model) == ["/srv/tts/models/piper/en_US-joe-medium.onnx"])
    }

    @Test func aRetiredKeyIsAcceptedWithANotice() throws {
        let fixture = try ConfigurationFixture()
        defer { fixture.remove() }
        // Files copied from the old example set it; they must keep working.
        let file = try fixture.write("[piper]\ncache_dir = \"../data/cache/piper\"\n")
        let configuration = try ServerConfiguration.load(file: file, environment: [:], currentDirectory: "/srv/tts")
        #expect(
            configuration.notices == ["piper.cache_dir is no longer used (Piper voices load as they are, nothing is cached); remove it"]
        )
        #expect(try ServerConfiguration.load(file: nil, environment: [:], currentDirectory: "/srv/tts").notices.isEmpty)
    }

    @Test func ipv6BindAddress() throws {
        let fixture = try ConfigurationFixture()
        defer { fixture.remove() }
        let file = try fixture.write("bind_addr = \"[::1]:8080\"\n")
        let configuration = try ServerConfiguration.load(file: file, environment: [:], currentDirectory: "/srv/tts")
        #expect(configuration.bindAddress == BindAddress(host: "::1", port: 8080))
        #expect(configuration.bindAddress.description == "[::1]:8080")
    }
}
