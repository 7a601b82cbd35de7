import Foundation
import Logging
import TCPKit
import TCPProbe
import Testing
import VedettaCore
import VedettaProbes
import VedettaTestSupport

/// The TCP probe's samples and outcomes against real servers on loopback.
@Suite("TCPProbe records what a TCP check saw")
struct TCPProbeTests {
    let engine = ConnectEngine()
    let logger = Logger(label: "vedetta.tests.tcp-probe")

    private func probe(_ request: ConnectRequest, timeout: Duration = .seconds(5)) async -> ProbeResult {
        let check = TCPCheckConfiguration(request: request)
        let probe = TCPProbe(check: check, engine: engine)
        #expect(probe.kind == .tcp)
        let target = Target(device: DeviceID("crm-web"), address: check.address, labels: ["site": "milano"])
        return await probe.probe(target, deadline: .now + timeout, logger: logger)
    }

    private func value(_ name: String, _ result: ProbeResult) -> Double? {
        result.samples.first { $0.name == name }?.value
    }

    @Test("TLS with a banner: connect, handshake, response, matched, and the certificate's expiry and days left")
    func tlsBanner() async throws {
        let smtps = try await SMTPServerFixture.start(mode: .tls)
        let certificate = try #require(smtps.certificate)
        let result = await probe(
            ConnectRequest(
                host: "127.0.0.1", port: UInt16(smtps.port), tls: TLSSettings(caFile: certificate.certificatePath),
                expect: Array("220 ".utf8)))
        #expect(result.outcome == .success)
        for name in ["tcp_connect_seconds", "tcp_tls_handshake_seconds", "tcp_response_seconds"] {
            let seconds = try #require(value(name, result), "\(name)")
            #expect(seconds > 0 && seconds < 5)
        }
        #expect(value("tcp_expect_matched", result) == 1)
        let left = try #require(value("tcp_tls_certificate_valid_seconds", result))
        #expect(abs(left - Double(certificate.validDays) * 86_400) < 3_600)
        #expect(result.phases[.tls] != nil)
        #expect(result.samples.allSatisfy { $0.labels["site"] == "milano" })
    }

    @Test(
        "failures: refused is unreachable; an untrusted certificate is authentication, with its expiry; a wrong banner is unexpected_response with matched 0"
    )
    func failures() async throws {
        let closed = try Ports.freePort()
        let refused = await probe(ConnectRequest(host: "127.0.0.1", port: UInt16(closed)))
        #expect(refused.outcome == .failure(ProbeFailure(.unreachable, "127.0.0.1:\(closed): connection refused")))

        let https = try await HTTPServerFixture.start(tls: true)
        let untrusted = await probe(ConnectRequest(host: "127.0.0.1", port: UInt16(https.port), tls: TLSSettings()))
        guard case .failure(let failure) = untrusted.outcome else {
            Issue.record("a self-signed certificate was trusted")
            return
        }
        #expect(failure.code == .authentication)
        #expect(value("tcp_tls_certificate_expiry_timestamp_seconds", untrusted) != nil)

        let smtp = try await SMTPServerFixture.start()
        let wrong = await probe(
            ConnectRequest(
                host: "127.0.0.1", port: UInt16(smtp.port), send: Array("QUIT\r\n".utf8), expect: Array("SSH-".utf8)))
        guard case .failure(let banner) = wrong.outcome else {
            Issue.record("an SMTP banner matched SSH-")
            return
        }
        #expect(banner.code == .unexpectedResponse)
        #expect(value("tcp_expect_matched", wrong) == 0)
    }
}
