import Foundation
import Logging
import SIPKit
import TCPKit
import Testing
import VedettaTestSupport

/// The SIP engine against real SIP servers on loopback: Kamailio (UDP and TCP), SIPp as a UAS answering 503, 404
/// or only 100 Trying, a UDP responder that never answers or answers garbage, and a closed port. Statuses are
/// cross-checked with `sipsak`.
@Suite(
    "SIPEngine sends OPTIONS to real SIP servers",
    .enabled(if: SIPServerFixture.isAvailable, "needs kamailio, sipp and sipsak (scripts/setup)"))
struct SIPEngineTests {
    let tcp = ConnectEngine()
    var engine: SIPEngine { SIPEngine(tcp: tcp) }

    private func options(
        _ uri: String, _ transport: SIPOptionsRequest.Transport = .udp, t1: Duration = .milliseconds(500),
        within timeout: Duration = .seconds(5)
    ) async throws(SIPError) -> SIPReport {
        let request = SIPOptionsRequest(uri: SIPURI(uri) ?? SIPURI(host: "invalid"), transport: transport, t1: t1)
        return try await engine.options(request, deadline: .now + timeout)
    }

    private func failure(_ uri: String, t1: Duration = .milliseconds(500), within timeout: Duration) async -> SIPError?
    {
        do {
            _ = try await options(uri, t1: t1, within: timeout)
            return nil
        } catch {
            return error
        }
    }

    /// The status line `sipsak` printed for `uri`, e.g. `SIP/2.0 200 OK`.
    private func sipsakStatus(_ uri: String, transport: String = "udp") throws -> String? {
        let output = try ToolRunner.run("/usr/bin/sipsak", ["-s", uri, "-v", "-E", transport], timeout: .seconds(20))
        return output.standardOutput.split(whereSeparator: \.isNewline).first { $0.hasPrefix("SIP/2.0 ") }.map(
            String.init)
    }

    @Test(
        "Kamailio answers 200 over UDP and TCP, as sipsak also sees",
        arguments: [SIPOptionsRequest.Transport.udp, .tcp])
    func kamailio(transport: SIPOptionsRequest.Transport) async throws {
        let server = try await SIPServerFixture(.kamailio)
        let report = try await options(server.uri(), transport)
        #expect(report.statusCode == 200)
        #expect(report.reason == "OK")
        #expect(report.address == "127.0.0.1")
        #expect(report.roundTrip > .zero && report.roundTrip < .seconds(5))
        #expect(report.retransmissions == 0)
        #expect(report.server?.hasPrefix("kamailio") == true)
        #expect(try sipsakStatus(server.uri(), transport: transport.rawValue) == "SIP/2.0 200 OK")
    }

    @Test(
        "SIPp answering 503 and 404: the final status comes back as it is, as sipsak sees it",
        arguments: [("options-503", 503, "Service Unavailable"), ("options-404", 404, "Not Found")])
    func statuses(scenario: String, code: Int, reason: String) async throws {
        let server = try await SIPServerFixture(.sipp(scenario))
        let report = try await options(server.uri())
        #expect(report.statusCode == code)
        #expect(report.reason == reason)
        #expect(report.server == "sipp-uas")
        #expect(try sipsakStatus(server.uri()) == "SIP/2.0 \(code) \(reason)")
    }

    @Test("only 100 Trying: retransmissions go on at T2 and the request times out saying so")
    func provisionalOnly() async throws {
        let server = try await SIPServerFixture(.sipp("options-trying"))
        let error = try #require(await failure(server.uri(), within: .seconds(1)))
        #expect(error.code == .timeout)
        #expect(error.detail.hasPrefix("only a provisional response, no final one"), "\(error.detail)")
    }

    @Test("silence: RFC 3261 Timer E retransmits at T1, 2×T1, 4×T1 … and the request times out at the deadline")
    func silence() async throws {
        let silent = try await UDPResponderFixture(.silent)
        // T1 = 100 ms: transmissions at 0, 100, 300 and 700 ms; the next (1,500 ms) is past the deadline.
        let error = try #require(
            await failure("sip:127.0.0.1:\(silent.port)", t1: .milliseconds(100), within: .milliseconds(1_200)))
        #expect(error.code == .timeout)
        #expect(error.detail == "no response to 4 transmission(s) over UDP")
        #expect(silent.requestCount == 4)
    }

    @Test("garbage on the socket is malformed_response with what came; a closed port is unreachable at once")
    func garbageAndClosed() async throws {
        let garbage = try await UDPResponderFixture(.garbage)
        let error = try #require(await failure("sip:127.0.0.1:\(garbage.port)", within: .milliseconds(800)))
        #expect(error.code == .malformedResponse)
        #expect(error.detail.contains("received instead: \""), "\(error.detail)")

        let closed = try Ports.freePort()
        let refused = try #require(await failure("sip:127.0.0.1:\(closed)", within: .seconds(5)))
        #expect(refused.code == .unreachable)
        #expect(refused.detail == "nothing listens on the port (ICMP port unreachable)")
    }

    @Test("300 requests at once to one Kamailio all get their own 200")
    func many() async throws {
        let server = try await SIPServerFixture(.kamailio)
        let engine = self.engine
        let uri = try #require(SIPURI(server.uri()))
        let codes = await withTaskGroup(of: Int?.self) { group in
            for _ in 0..<300 {
                group.addTask {
                    try? await engine.options(SIPOptionsRequest(uri: uri), deadline: .now + .seconds(20)).statusCode
                }
            }
            return await group.reduce(into: [Int?]()) { $0.append($1) }
        }
        #expect(codes.count == 300)
        #expect(codes.allSatisfy { $0 == 200 })
    }
}
