import Foundation
import ICMPKit
import ICMPProbe
import Logging
import SocketKit
import Testing
import VedettaCore
import VedettaProbes
import VedettaTestSupport

/// The ICMP probe against real hosts: loopback, and the addresses of network namespaces the tests create, with
/// real loss and delay from `tc netem` on the namespace's end of the link.
@Suite(
    "ICMPProbe measures loss and round trips of real hosts",
    .enabled(if: NetworkNamespaceFixture.isAvailable, "needs root to create a network namespace (ip netns)"))
struct ICMPProbeTests {
    let engine = PingEngine(logger: Logger(label: "vedetta.tests.icmp-probe"))
    let logger = Logger(label: "vedetta.tests.icmp-probe")

    private func probe(_ host: String, _ settings: PingSettings, labels: LabelSet = ["site": "milano"]) async
        -> ProbeResult
    {
        let check = ICMPCheckConfiguration(host: host, ping: settings)
        let probe = ICMPProbe(check: check, engine: engine)
        #expect(probe.kind == .icmp)
        let target = Target(device: DeviceID("pbx-1"), address: check.address, labels: labels)
        return await probe.probe(target, deadline: .now + (check.timeout ?? .seconds(10)), logger: logger)
    }

    private func value(_ name: String, _ result: ProbeResult, stat: String? = nil) -> Double? {
        result.samples.first { $0.name == name && $0.labels["stat"] == stat }?.value
    }

    @Test("a host that answers: up, no loss, the round-trip statistics, the device's labels on every sample")
    func answering() async throws {
        let result = await probe("127.0.0.1", PingSettings(packets: 3, interval: .milliseconds(20)))
        #expect(result.outcome == .success)
        #expect(value("icmp_packets_sent", result) == 3)
        #expect(value("icmp_packets_received", result) == 3)
        #expect(value("icmp_packet_loss_ratio", result) == 0)
        for stat in ["min", "avg", "max", "stddev"] {
            let seconds = try #require(value("icmp_rtt_seconds", result, stat: stat), "stat \(stat)")
            #expect(seconds >= 0 && seconds < 1)
        }
        #expect(result.samples.allSatisfy { $0.labels["site"] == "milano" && $0.labels["device"] == "pbx-1" })
    }

    @Test("20 % loss and 50 ms of delay on the link (tc netem, or a responder where the kernel lacks it) show")
    func impairedLink() async throws {
        let site = try NetworkNamespaceFixture(name: "netem", net: 234)
        let responder = try await site.impairEcho(delay: .milliseconds(50), lossPercent: 20)
        defer { responder?.stop() }
        let result = await probe(
            site.address(3), PingSettings(packets: 100, interval: .milliseconds(10), timeout: .seconds(1)))
        #expect(result.outcome == .success)
        #expect(value("icmp_packets_sent", result) == 100)
        // Binomial(100, 0.2): 20 lost on average, standard deviation 4; 5...40 is about four deviations wide.
        let loss = try #require(value("icmp_packet_loss_ratio", result))
        #expect(loss >= 0.05 && loss <= 0.40, "loss \(loss)")
        let minimum = try #require(value("icmp_rtt_seconds", result, stat: "min"))
        let average = try #require(value("icmp_rtt_seconds", result, stat: "avg"))
        #expect(minimum >= 0.049, "min \(minimum)")
        #expect(average >= 0.049 && average < 0.2, "avg \(average)")
    }

    @Test("a host that never answers is down with timeout; one with no route is down with unreachable")
    func silent() async throws {
        let site = try NetworkNamespaceFixture(name: "silent", net: 235)
        try site.cutLink()
        let result = await probe(
            site.address(5), PingSettings(packets: 2, interval: .milliseconds(20), timeout: .milliseconds(200)))
        guard case .failure(let failure) = result.outcome else {
            Issue.record("a silent host was up")
            return
        }
        #expect(failure.code == .timeout)
        #expect(failure.message == "no reply from \(site.address(5)) to 2 echo request(s)")
        #expect(value("icmp_packet_loss_ratio", result) == 1)
        #expect(value("icmp_rtt_seconds", result, stat: "avg") == nil)

        // A host route that refuses: the send fails at once and nothing leaves the machine.
        try ToolRunner.run("/usr/sbin/ip", ["route", "add", "unreachable", "10.235.9.0/24"]).requireSuccess("ip route")
        defer { _ = try? ToolRunner.run("/usr/sbin/ip", ["route", "del", "unreachable", "10.235.9.0/24"]) }
        let refused = await probe("10.235.9.1", PingSettings(packets: 1))
        guard case .failure(let unreachable) = refused.outcome else {
            Issue.record("a host with no route was up")
            return
        }
        #expect(unreachable.code == .unreachable, "\(unreachable)")
    }

    @Test("without privileges the CLI pings through an ICMP datagram socket, and says what to change when it may not")
    func unprivileged() async throws {
        let site = try NetworkNamespaceFixture(name: "unpriv", net: 236)
        let binary = RepositoryPaths.vedettaBinary.path
        let asNobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        let allowed = try site.execute(
            ["/usr/sbin/sysctl", "-q", "-w", "net.ipv4.ping_group_range=0 2147483647"])
        try allowed.requireSuccess("sysctl")
        let up = try site.execute(
            asNobody + [binary, "probe", "icmp", "127.0.0.1", "--packets", "2", "--interval", "10ms", "--json"])
        #expect(up.status == 0, "\(up.standardOutput)\(up.standardError)")
        #expect(up.standardOutput.contains("\"up\" : true"))
        let v6 = try site.execute(asNobody + [binary, "probe", "icmp", "::1", "--packets", "1"])
        #expect(v6.status == 0, "\(v6.standardOutput)\(v6.standardError)")

        try site.execute(["/usr/sbin/sysctl", "-q", "-w", "net.ipv4.ping_group_range=1 0"]).requireSuccess("sysctl")
        let refused = try site.execute(asNobody + [binary, "probe", "icmp", "127.0.0.1", "--packets", "1"])
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("down (not_permitted)"), "\(refused.standardOutput)")
        #expect(refused.standardOutput.contains("net.ipv4.ping_group_range"))
        #expect(refused.standardOutput.contains("CAP_NET_RAW"))
    }
}
