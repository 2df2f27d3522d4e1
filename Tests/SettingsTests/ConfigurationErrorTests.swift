import Foundation
import Settings
import Testing

@Suite("Configuration errors")
struct ConfigurationErrorTests {
    /// Writes `text` and returns the loading error's message, with the file's path replaced by `FILE`.
    private func message(for text: String, environment: [String: String] = [:]) throws -> String? {
        let fixture = try ConfigurationFixture()
        defer { fixture.remove() }
        let file = try fixture.write(text)
        return loadingError(file: file, environment: environment)?.description.replacingOccurrences(of: file, with: "FILE")
    }

    private func message(environment: [String: String]) -> String? {
        loadingError(file: nil, environment: environment)?.description
    }

    // MARK: Syntax

    @Test func syntaxErrorNamesFileLineAndColumn() throws {
        let fixture = try ConfigurationFixture()
        defer { fixture.remove() }
        let file = try fixture.write("bind_addr = \"127.0.0.1:1\"\n[piper]\nmax_parallel = \n")
        let error = try #require(loadingError(file: file))
        guard case .file(let path, let line?, let column?) = error.source else {
            Issue.record("expected a file position, got \(String(describing: error.source))")
            return
        }
        #expect(path == file)
        #expect(line == 3)
        #expect(error.description.hasPrefix("\(file):3:\(column): "))
        #expect(error.description.contains("TOML syntax error"))
    }

    @Test func missingFile() {
        #expect(loadingError(file: "/nonexistent/ishowtts.toml")?.description == "/nonexistent/ishowtts.toml: file not found")
    }

    // MARK: Types

    @Test func wrongTypeInFile() throws {
        #expect(try message(for: "[piper]\nmax_parallel = \"lots\"\n") == #"FILE:2: piper.max_parallel: expected an integer, got "lots""#)
        #expect(try message(for: "default_voice = 3\n") == "FILE:1: default_voice: expected a string, got 3")
        #expect(try message(for: "[piper]\nnoise_w = \"loud\"\n") == #"FILE:2: piper.noise_w: expected a number, got "loud""#)
        #expect(try message(for: "api = 3\n") == "FILE:1: api: expected a table, got 3")
        #expect(try message(for: "[piper]\nvoices = \"joe\"\n") == #"FILE:2: piper.voices: expected an array, got "joe""#)
    }

    @Test func wrongTypeInEnvironment() {
        #expect(
            message(environment: ["ISHOWTTS__PIPER__MAX_PARALLEL": "lots"])
                == #"ISHOWTTS__PIPER__MAX_PARALLEL: piper.max_parallel: expected an integer, got "lots""#
        )
        #expect(
            message(environment: ["ISHOWTTS__PIPER__VOICES": "joe"])
                == #"ISHOWTTS__PIPER__VOICES: piper.voices: expected a JSON array, got "joe""#
        )
    }

    // MARK: Ranges

    @Test func outOfRangeValuesNameTheRange() throws {
        #expect(try message(for: "[piper]\nmax_parallel = 0\n") == "FILE:2: piper.max_parallel: 0 is out of range 1...64")
        #expect(try message(for: "[f5]\nmax_parallel = 5000\n") == "FILE:2: f5.max_parallel: 5000 is out of range 1...4096")
        #expect(try message(for: "[api]\nmax_body_bytes = 10\n") == "FILE:2: api.max_body_bytes: 10 is out of range 1024...536870912")
        #expect(try message(for: "[piper]\n\nnoise_scale = 2.5\n") == "FILE:3: piper.noise_scale: 2.5 is out of range 0.0...2.0")
        #expect(try message(for: "[piper]\nlength_scale = nan\n") == "FILE:2: piper.length_scale: nan is out of range 0.1...10.0")
        #expect(
            message(environment: ["ISHOWTTS__PIPER__NUM_THREADS": "100"])
                == "ISHOWTTS__PIPER__NUM_THREADS: piper.num_threads: 100 is out of range 1...64"
        )
        #expect(
            try message(for: "[[piper.voices]]\nid = \"joe\"\nmodel = \"m.onnx\"\nspeaker = -1\n")
                == "FILE:4: piper.voices[0].speaker: -1 is out of range: must be at least 0"
        )
    }

    @Test func invalidLogLevel() throws {
        #expect(
            try message(for: "log_level = \"loud\"\n")
                == #"FILE:1: log_level: expected one of trace, debug, info, notice, warning, error, critical, got "loud""#
        )
    }

    // MARK: Unknown keys

    @Test func unknownKeysInTheFile() throws {
        #expect(try message(for: "[piper]\nmax_paralel = 3\n") == "FILE:2: piper.max_paralel: unknown key (did you mean max_parallel?)")
        #expect(try message(for: "bind_address = \"0.0.0.0:1\"\n") == "FILE:1: bind_address: unknown key")
        #expect(try message(for: "# comment\n[apii]\nmax_text_chars = 3\n") == "FILE:2: apii: unknown key (did you mean api?)")
        #expect(
            try message(for: "[[piper.voices]]\nid = \"joe\"\nmodel = \"m.onnx\"\n\n[[piper.voices]]\nid = \"b\"\nmodel = \"b.onnx\"\nspeeker = 1\n")
                == "FILE:8: piper.voices[1].speeker: unknown key (did you mean speaker?)"
        )
        #expect(
            try message(for: "piper.max_parallel = 3\npiper.maxparallel = 2\n")
                == "FILE:2: piper.maxparallel: unknown key (did you mean max_parallel?)"
        )
    }

    @Test func aMovedKeySaysWhereItWent() throws {
        let moved = "api.max_parallel: this key has moved: use piper.max_parallel and f5.max_parallel (each engine admits what it can use)"
        #expect(try message(for: "[api]\nmax_text_chars = 500\nmax_parallel = 4\n") == "FILE:3: \(moved)")
        #expect(message(environment: ["ISHOWTTS__API__MAX_PARALLEL": "8"]) == "ISHOWTTS__API__MAX_PARALLEL: \(moved)")
    }

    @Test func unknownKeysInTheEnvironment() {
        #expect(
            message(environment: ["ISHOWTTS__PIPER__MAX_PARALEL": "3"])
                == "ISHOWTTS__PIPER__MAX_PARALEL: piper.max_paralel: unknown key (did you mean max_parallel?)"
        )
        #expect(message(environment: ["ISHOWTTS__NOPE__DEEPER": "1"]) == "ISHOWTTS__NOPE__DEEPER: nope: unknown key")
        #expect(
            message(environment: ["ISHOWTTS__API____X": "1"])
                == "ISHOWTTS__API____X: malformed override name: expected ISHOWTTS__KEY or ISHOWTTS__SECTION__KEY"
        )
        #expect(message(environment: ["ISHOWTTS__BIND_ADDR__PORT": "1"]) == "ISHOWTTS__BIND_ADDR__PORT: bind_addr: expected a string, got a table")
    }

    @Test func overrideInsideAValueThatIsNoTable() throws {
        #expect(
            try message(for: "bind_addr = \"0.0.0.0:1\"\n", environment: ["ISHOWTTS__BIND_ADDR__PORT": "1"])
                == "ISHOWTTS__BIND_ADDR__PORT: bind_addr.port: cannot be set because bind_addr is not a table"
        )
    }

    // MARK: Voices

    @Test func duplicateVoiceIDs() throws {
        let text = """
            default_voice = "a"
            [[piper.voices]]
            id = "a"
            model = "a.onnx"
            [[piper.voices]]
            id = "a"
            model = "b.onnx"
            """
        #expect(try message(for: text) == #"FILE:6: piper.voices[1].id: duplicate voice id "a" (also piper.voices[0].id)"#)
    }

    @Test func invalidAndMissingVoiceFields() throws {
        #expect(
            try message(for: "[[piper.voices]]\nid = \"a b\"\nmodel = \"m.onnx\"\n")
                == #"FILE:2: piper.voices[0].id: invalid voice id "a b": use only letters, digits, "_", "." and "-""#
        )
        #expect(try message(for: "[[piper.voices]]\nid = \"joe\"\n") == "FILE:1: piper.voices[0].model: required key is missing")
        #expect(try message(for: "[[piper.voices]]\nid = \"\"\nmodel = \"m\"\n") == "FILE:2: piper.voices[0].id: must not be empty")
        #expect(
            message(environment: ["ISHOWTTS__PIPER__VOICES": #"[{"model":"/m.onnx"}]"#])
                == "ISHOWTTS__PIPER__VOICES: piper.voices[0].id: required key is missing"
        )
    }

    @Test func defaultVoiceMustNameAConfiguredVoice() throws {
        #expect(try message(for: "\ndefault_voice = \"bob\"\n") == #"FILE:2: default_voice: "bob" names no configured voice (configured: joe)"#)
        #expect(
            message(environment: ["ISHOWTTS__DEFAULT_VOICE": "bob"])
                == #"ISHOWTTS__DEFAULT_VOICE: default_voice: "bob" names no configured voice (configured: joe)"#
        )
        // The built-in default voice is gone once the file lists its own voices; no single line is to blame.
        #expect(
            try message(for: "[[piper.voices]]\nid = \"walter\"\nmodel = \"w.onnx\"\n")
                == #"default_voice: "joe" names no configured voice (configured: walter)"#
        )
    }

    // MARK: Bind address

    @Test func invalidBindAddresses() throws {
        #expect(try message(for: "bind_addr = \"localhost\"\n") == #"FILE:1: bind_addr: invalid bind address "localhost": expected "host:port""#)
        #expect(
            try message(for: "bind_addr = \"::1:8080\"\n")
                == #"FILE:1: bind_addr: invalid bind address "::1:8080": write IPv6 addresses in brackets, e.g. "[::1]:8080""#
        )
        #expect(
            message(environment: ["ISHOWTTS__BIND_ADDR": "0.0.0.0:70000"])
                == #"ISHOWTTS__BIND_ADDR: bind_addr: invalid bind address "0.0.0.0:70000": port 70000 is out of range 0...65535"#
        )
    }

    // MARK: Chat platforms

    @Test func chatPlatformSettingsAreChecked() throws {
        #expect(try message(for: "[twitch]\ntransport = \"pigeon\"\n") == #"FILE:2: twitch.transport: "pigeon" is not one of auto, eventsub, irc"#)
        #expect(
            try message(for: "[twitch]\ntransport = \"eventsub\"\n")
                == #"FILE:1: twitch.client_id: transport "eventsub" needs the client_id of your Twitch application"#
        )
        #expect(try message(for: "[twitch]\nhelix_url = \"ftp://x\"\n") == #"FILE:2: twitch.helix_url: "ftp://x" is not an http(s) or ws(s) address"#)
        #expect(try message(for: "[youtube]\ndaily_quota = 10\n") == "FILE:2: youtube.daily_quota: 10 is out of range 100...100000000")
        #expect(try message(for: "[youtube]\nstream_hours = 100\n") == "FILE:2: youtube.stream_hours: 100.0 is out of range 0.25...48.0")
        #expect(
            message(environment: ["ISHOWTTS__YOUTUBE__API_URL": "not a url"])
                == #"ISHOWTTS__YOUTUBE__API_URL: youtube.api_url: "not a url" is not an http(s) or ws(s) address"#
        )
    }

    @Test func secretsStayOutOfDescriptions() throws {
        let fixture = try ConfigurationFixture()
        defer { fixture.remove() }
        let file = try fixture.write("[youtube]\napi_key = \"AIzaSECRET\"\nclient_id = \"id\"\nclient_secret = \"GOCSPX-SECRET\"\n")
        let configuration = try ServerConfiguration.load(file: file, environment: [:], currentDirectory: "/srv/tts")
        #expect(configuration.youtube.apiKey == "AIzaSECRET")
        #expect(!configuration.youtube.description.contains("SECRET"))
    }
}
