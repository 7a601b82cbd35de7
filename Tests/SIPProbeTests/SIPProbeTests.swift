import Foundation
import Logging
import SIPKit
import SIPProbe
import TCPKit
import Testing
import VedettaCore
import VedettaProbes
import VedettaTestSupport

/// The SIP probe's samples and outcomes against real SIP servers on loopback.
@Suite(
    "SIPProbe records what a PBX answered",
    .enabled(if: SIPServerFixture.isAvailable, "needs kamailio, sipp and sipsak (scripts/setup)"))
struct SIPProbeTests {
    let tcp = ConnectEngine()
    let logger = Logger(label: "vedetta.tests.sip-probe")

    private func probe(_ uri: String, expect: [Int] = [], timeout: Duration = .seconds(3)) async throws -> ProbeResult {
        let check = SIPCheckConfiguration(
            request: SIPOptionsRequest(uri: try #require(SIPURI(uri))), expectedStatus: expect)
        let probe = SIPProbe(check: check, engine: SIPEngine(tcp: tcp))
        #expect(probe.kind == .sip)
        let target = Target(device: DeviceID("pbx-milano"), address: check.address, labels: ["role": "pbx"])
        return await probe.probe(target, deadline: .now + timeout, logger: logger)
    }

    private func value(_ name: String, _ result: ProbeResult) -> Double? {
        result.samples.first { $0.name == name }?.value
    }

    @Test("a PBX answering 200: up, status, round trip, no retransmission, the device's labels")
    func answering() async throws {
        let pbx = try await SIPServerFixture(.kamailio)
        let result = try await probe(pbx.uri())
        #expect(result.outcome == .success)
        #expect(value("sip_up", result) == 1)
        #expect(value("sip_status_code", result) == 200)
        #expect(value("sip_retransmissions", result) == 0)
        let rtt = try #require(value("sip_rtt_seconds", result))
        #expect(rtt > 0 && rtt < 3)
        #expect(result.samples.allSatisfy { $0.labels["role"] == "pbx" })
    }

    @Test("503 is down with the status in the message, unless expect_status lists it; silence is down with sip_up 0")
    func statuses() async throws {
        let busy = try await SIPServerFixture(.sipp("options-503"))
        let down = try await probe(busy.uri())
        #expect(
            down.outcome
                == .failure(
                    ProbeFailure(
                        .unexpectedResponse,
                        "\(busy.uri()) answered 503 Service Unavailable (expected a 2xx)")))
        #expect(value("sip_up", down) == 0)
        #expect(value("sip_status_code", down) == 503)
        let accepted = try await probe(busy.uri(), expect: [200, 503])
        #expect(accepted.outcome == .success)
        #expect(value("sip_up", accepted) == 1)

        let silent = try await UDPResponderFixture(.silent)
        let nothing = try await probe("sip:127.0.0.1:\(silent.port)", timeout: .milliseconds(700))
        guard case .failure(let failure) = nothing.outcome else {
            Issue.record("a silent server was up")
            return
        }
        #expect(failure.code == .timeout)
        #expect(nothing.samples.map(\.name) == ["sip_up"])
    }
}
