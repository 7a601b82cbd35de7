import Foundation
import Testing
import VedettaTestSupport

/// `vedetta probe sip`, the built binary, against real SIP servers on loopback.
@Suite(
    "vedetta probe sip",
    .enabled(if: SIPServerFixture.isAvailable, "needs kamailio, sipp and sipsak (scripts/setup)"))
struct SIPProbeCommandTests {
    @Test("Kamailio over TCP: up, exit 0; a 503: down with the status, exit 1, unless --expect-status lists it")
    func command() async throws {
        let pbx = try await SIPServerFixture(.kamailio)
        let up = try ToolRunner.vedetta(["probe", "sip", pbx.uri(), "--transport", "tcp"])
        #expect(up.status == 0, "\(up.standardOutput)\(up.standardError)")
        #expect(up.standardOutput.contains("sip_status_code{device=\"cli\",probe=\"sip\"} 200"))

        let busy = try await SIPServerFixture(.sipp("options-503"))
        let down = try ToolRunner.vedetta(["probe", "sip", busy.uri()])
        #expect(down.status == 1)
        #expect(
            down.standardOutput.contains(
                "down (unexpected_response) in "), "\(down.standardOutput)")
        #expect(down.standardOutput.contains("answered 503 Service Unavailable (expected a 2xx)"))
        let accepted = try ToolRunner.vedetta(["probe", "sip", busy.uri(), "--expect-status", "200,503"])
        #expect(accepted.status == 0, "\(accepted.standardOutput)")
    }
}
