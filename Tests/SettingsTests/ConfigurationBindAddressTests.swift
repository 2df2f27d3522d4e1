import Settings
import Testing

@Suite("Bind addresses")
struct ConfigurationBindAddressTests {
    @Test(arguments: [
        ("127.0.0.1:27121", "127.0.0.1", 27121),
        ("0.0.0.0:0", "0.0.0.0", 0),
        ("localhost:8080", "localhost", 8080),
        ("[::1]:8080", "::1", 8080),
        ("[::]:27121", "::", 27121),
    ])
    func parsesAndPrintsBack(text: String, host: String, port: Int) throws {
        let address = try #require(BindAddress(text))
        #expect(address == BindAddress(host: host, port: port))
        #expect(address.description == text)
    }

    @Test(arguments: ["", "localhost", ":8080", "host:", "host:http", "host:-1", "host:65536", "[::1]8080", "[::1:8080", "::1:8080", "a b:1"])
    func rejects(text: String) {
        #expect(BindAddress(text) == nil)
    }
}
