import Testing
import VedettaCore

@Suite("HostPort")
struct HostPortTests {
    @Test(
        "valid addresses",
        arguments: [
            ("127.0.0.1", 161, "127.0.0.1", 161),
            ("127.0.0.1:1161", 161, "127.0.0.1", 1161),
            ("switch-1.example.net", 161, "switch-1.example.net", 161),
            ("[::1]:9470", 161, "::1", 9470),
            ("[::1]", 161, "::1", 161),
            ("fe80::1", 161, "fe80::1", 161),
        ] as [(String, Int, String, Int)]
    )
    func valid(text: String, defaultPort: Int, host: String, port: Int) {
        #expect(HostPort.parse(text, defaultPort: defaultPort) == HostPort(host: host, port: port))
    }

    @Test(
        "invalid addresses",
        arguments: ["", ":161", "host:0", "host:65536", "host:x", "[::1", "[::1]x", "[v4]:1", "a b"])
    func invalid(text: String) {
        #expect(HostPort.parse(text, defaultPort: 161) == nil)
    }

    @Test("a required port must be written")
    func requiredPort() {
        #expect(HostPort.parse("localhost", defaultPort: nil) == nil)
        #expect(HostPort.parse("::1", defaultPort: nil) == nil)
        #expect(HostPort.parse("localhost:80", defaultPort: nil) == HostPort(host: "localhost", port: 80))
    }
}
