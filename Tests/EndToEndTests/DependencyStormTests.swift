import Foundation
import Testing
import VedettaTestSupport

/// The alert storm of a site whose router dies, on real parts: 200 devices behind one router in a network
/// namespace the test creates, one real snmpd answering for all of them, the `vedetta` binary polling each one,
/// a real HTTP server receiving the pages. The link to the site is cut with `ip link set down`.
@Suite(
    "Dependencies, end to end: a site router dies",
    .serialized,
    .enabled(if: SiteNamespaceFixture.isAvailable, "needs root to create a network namespace (ip netns)")
)
struct DependencyStormTests {
    static let deviceCount = 200

    @Test("200 devices behind a router that dies: exactly one page, and its incident lists the 200")
    func oneRouterOnePage() async throws {
        let site = try await SiteNamespaceFixture()
        let receiver = try await HTTPServerFixture.start()
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-storm")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configFile = try Self.writeConfiguration(in: directory, site: site, webhookURL: receiver.url("/hook"))
        let agent = try await AgentProcess(
            configFile: configFile, dataDirectory: directory.appendingPathComponent("data"))

        // Healthy: all 201 devices answer, nothing is paged.
        try await Ports.waitUntil(timeout: .seconds(60), "not every device answered:\n\(agent.output)") {
            ((try? Self.devicesUp(agent)) ?? 0) == Self.deviceCount + 1
        }
        #expect(try receiver.recordedRequests().isEmpty)

        // The router dies: 201 incidents open, one page.
        try site.cutLink()
        try await Ports.waitUntil(timeout: .seconds(60), "not every device opened an incident:\n\(agent.output)") {
            ((try? Self.openIncidents(agent).count) ?? 0) == Self.deviceCount + 1
        }
        try await Self.pollCycles(3)
        let pages = try receiver.recordedRequests()
        #expect(pages.count == 1, "\(pages.map(\.body))")
        let page = try WebhookDocument(try #require(pages.first))
        #expect(page.event == "opened")
        #expect(page.device == "router-milano")
        #expect(page.subject.contains("router-milano down: 200 devices unreachable (switch 198, pbx 2)"))

        // The router's incident lists the 200; theirs say why nobody was paged.
        let router = try Self.incident(agent, id: page.incidentID)
        let timeline = try #require(router["timeline"] as? [[String: Any]])
        let impact = try #require(timeline.first { $0["kind"] as? String == "impact" }?["detail"] as? String)
        let listed = impact.split(separator: "\n").last.map { $0.components(separatedBy: ", ") } ?? []
        #expect(listed.count == Self.deviceCount)
        #expect(Set(listed) == Set((1...Self.deviceCount).map(Self.deviceName)))
        let alerts = try #require(
            try JSONSerialization.jsonObject(with: Data(agent.get("/api/v1/alerts").utf8)) as? [[String: Any]])
        let suppressed = alerts.filter { $0["suppressed_by"] as? String == "unreachable through router-milano" }
        #expect(suppressed.count == Self.deviceCount)
        let metrics = try agent.get("/metrics")
        let unreachable = metrics.split(separator: "\n").filter {
            $0.hasPrefix("vedetta_device_unreachable{") && $0.contains("through=\"router-milano\"")
        }
        #expect(unreachable.count == Self.deviceCount)

        // The link comes back: everything is restored, and only the router's page gets a "restored".
        try site.restoreLink()
        try await Ports.waitUntil(timeout: .seconds(60), "incidents stayed open:\n\(agent.output)") {
            ((try? Self.openIncidents(agent).count) ?? -1) == 0
        }
        try await Self.pollCycles(2)
        let all = try receiver.recordedRequests()
        #expect(all.count == 2, "\(all.map(\.body))")
        let restored = try WebhookDocument(try #require(all.last))
        #expect(restored.event == "restored" && restored.incidentID == page.incidentID)
        #expect(agent.stop() == 0)
    }

    static func deviceName(_ index: Int) -> String {
        index > deviceCount - 2 ? "pbx-\(index - deviceCount + 2)" : String(format: "sw-%03d", index)
    }

    private static func writeConfiguration(in directory: URL, site: SiteNamespaceFixture, webhookURL: String) throws
        -> URL
    {
        let alerts = directory.appendingPathComponent("alerts")
        try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
        let snmp = "community: \(site.community), retries: 0, profiles: [system]"
        var devices = """
              - name: router-milano
                labels: {site: milano, role: router}
                snmp: {address: \(site.routerAddress), \(snmp)}

            """
        for index in 1...deviceCount {
            let role = index > deviceCount - 2 ? "pbx" : "switch"
            devices += """
                  - name: \(deviceName(index))
                    labels: {site: milano, role: \(role)}
                    parents: [router-milano]
                    snmp: {address: \(site.deviceAddress(index)), \(snmp)}

                """
        }
        let configFile = directory.appendingPathComponent("vedetta.yaml")
        try """
        agent:
          default_interval: 2s
          default_timeout: 1s
        probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
        alerts_dir: alerts
        devices:
        \(devices)
        notify:
          webhooks:
            - name: oncall
              url: \(webhookURL)
              timeout: 2s
        """.write(to: configFile, atomically: true, encoding: .utf8)
        try """
        rules:
          - alert: DeviceUnreachable
            expr: up{probe="snmp"} == 0
            for: 3s
            device_down: true
            severity: critical
            summary: "{{ $labels.device }} does not answer SNMP"
        """.write(to: alerts.appendingPathComponent("network.yaml"), atomically: true, encoding: .utf8)
        return configFile
    }

    /// How many devices have `up == 1` in `/metrics`.
    private static func devicesUp(_ agent: AgentProcess) throws -> Int {
        try agent.get("/metrics").split(separator: "\n").filter { $0.hasPrefix("up{") && $0.hasSuffix(" 1") }.count
    }

    private static func openIncidents(_ agent: AgentProcess) throws -> [[String: Any]] {
        let body = try agent.get("/api/v1/incidents?state=open&limit=1000")
        return try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]] ?? []
    }

    private static func incident(_ agent: AgentProcess, id: Int64) throws -> [String: Any] {
        let body = try agent.get("/api/v1/incidents/\(id)")
        return try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    /// Lets a few poll cycles (2 s each) pass, so that a late page would have been sent.
    private static func pollCycles(_ count: Int) async throws {
        try await Task.sleep(for: .seconds(2 * count))
    }
}
