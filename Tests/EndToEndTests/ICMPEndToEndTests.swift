import Foundation
import Testing
import VedettaTestSupport

/// The real agent pings a host in a network namespace the test creates: the shipped `HostDown` rule (its hold
/// shortened) pages the real webhook receiver once when the link is cut, and the page resolves when it is back.
@Suite(
    "ICMP checks, end to end", .serialized,
    .enabled(if: NetworkNamespaceFixture.isAvailable, "needs root to create a network namespace (ip netns)"))
struct ICMPEndToEndTests {
    @Test("a host that stops answering ping pages once; answering again resolves the page")
    func hostDownPages() async throws {
        let site = try NetworkNamespaceFixture(name: "icmp-e2e", net: 237)
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-icmp")
        defer { try? FileManager.default.removeItem(at: directory) }
        let receiver = try await HTTPServerFixture.start()
        let alerts = directory.appendingPathComponent("alerts")
        try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
        let shipped = try String(
            contentsOfFile: RepositoryPaths.root.appendingPathComponent("alerts/reachability.yaml").path,
            encoding: .utf8)
        try shipped.replacingOccurrences(of: "for: 1m", with: "for: 0s")
            .write(to: alerts.appendingPathComponent("reachability.yaml"), atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("vedetta.yaml")
        try """
        alerts_dir: alerts
        devices:
          - name: router-site
            labels: {site: roma, role: router}
            interval: 2s
            icmp: {host: \(site.address(1)), packets: 2, interval: 100ms, packet_timeout: 500ms}
        notify:
          webhooks:
            - name: oncall
              url: \(receiver.url("/hook"))
              timeout: 2s
        """.write(to: config, atomically: true, encoding: .utf8)
        let agent = try await AgentProcess(configFile: config, dataDirectory: directory.appendingPathComponent("data"))

        try await Ports.waitUntil(timeout: .seconds(30), "no ICMP sample:\n\(agent.output)") {
            (try? agent.metric("icmp_packets_received", labels: ["device": "router-site"])) == 2
        }
        #expect(try agent.metric("up", labels: ["device": "router-site", "probe": "icmp"]) == 1)
        #expect(try agent.metric("icmp_packet_loss_ratio", labels: ["device": "router-site"]) == 0)
        #expect(try receiver.recordedRequests().isEmpty)

        try site.cutLink()
        try await Ports.waitUntil(timeout: .seconds(30), "no page:\n\(agent.output)") {
            (try? receiver.recordedRequests().count) == 1
        }
        let page = try #require(try receiver.recordedRequests().first)
        #expect(page.body.contains("\"rule\":\"HostDown\""), "\(page.body)")
        #expect(page.body.contains("router-site does not answer ping"))
        #expect(try agent.metric("icmp_packet_loss_ratio", labels: ["device": "router-site"]) == 1)
        try await Task.sleep(for: .seconds(3))
        #expect(try receiver.recordedRequests().count == 1, "a host that stays down pages once")

        try site.restoreLink()
        try await Ports.waitUntil(timeout: .seconds(30), "no resolve:\n\(agent.output)") {
            (try? receiver.recordedRequests().count) == 2
        }
        #expect(try receiver.recordedRequests().last?.body.contains("\"event\":\"restored\"") == true)
        #expect(agent.stop() == 0)
    }
}
