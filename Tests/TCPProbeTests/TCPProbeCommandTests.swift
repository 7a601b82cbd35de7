import Foundation
import Testing
import VedettaTestSupport

/// `vedetta probe tcp`, the built binary, against real servers on loopback.
@Suite("vedetta probe tcp")
struct TCPProbeCommandTests {
    @Test("a banner after TLS matches and exits 0; a closed port exits 1 saying so; flags that need --tls are refused")
    func command() async throws {
        let smtps = try await SMTPServerFixture.start(mode: .tls)
        let up = try ToolRunner.vedetta([
            "probe", "tcp", "127.0.0.1:\(smtps.port)", "--tls", "--insecure", "--send", "QUIT\\r\\n", "--expect", "221",
        ])
        #expect(up.status == 0, "\(up.standardOutput)\(up.standardError)")
        #expect(up.standardOutput.contains("tcp_expect_matched{device=\"cli\",probe=\"tcp\"} 1"))
        #expect(up.standardOutput.contains("tcp_tls_certificate_valid_seconds{"))

        let closed = try Ports.freePort()
        let down = try ToolRunner.vedetta(["probe", "tcp", "127.0.0.1:\(closed)"])
        #expect(down.status == 1)
        #expect(
            down.standardOutput.hasPrefix(
                "cli tcp 127.0.0.1:\(closed): down (unreachable) in "), "\(down.standardOutput)")
        #expect(down.standardOutput.contains(": 127.0.0.1:\(closed): connection refused"))

        let refused = try ToolRunner.vedetta(["probe", "tcp", "127.0.0.1:\(closed)", "--insecure"])
        #expect(refused.status == 64)
        #expect(refused.standardError.contains("--insecure, --server-name and --ca-file need --tls"))
    }
}
