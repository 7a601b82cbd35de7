import Foundation
import Testing
import VedettaTestSupport

/// The shipped profiles and rules on a healthy, idle network of real devices: recordings from snmpsim-data served
/// by a real snmpsim, polled by the `vedetta` binary with `probes/` and `alerts/` as shipped. Such a network must
/// open no incident and leave no alert pending: not the never-connected ports of a 221-port switch, not a PDU's
/// idle outlets, not a router's unused interfaces.
@Suite("Shipped rules on a quiet real network, end to end", .serialized)
struct QuietNetworkTests {
    /// Device name → recording.
    static let devices: [(name: String, recording: String, role: String)] = [
        ("catalyst-3560", "network/switch/cisco-c3560", "switch"),
        ("zte-zxr10", "network/switch/zte-zrx10", "switch"),
        ("mx960", "network/router/juniper-mx960-13-3r9-13", "router"),
        ("cisco-router", "network/router/cisco-unmarked-0", "router"),
        ("linux-server", "recorded/linux-full-walk", "server"),
        ("apc-pdu", "UPS/apc-8641", "pdu"),
        ("eaton-ups", "UPS/eaton-93e-80", "ups"),
    ]

    @Test("seven real devices, polled with the shipped profiles and rules: no alert, no incident")
    func quietNetworkOpensNothing() async throws {
        let simulator = try await SNMPSimFixture(recordings: Self.devices.map(\.recording))
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-quiet")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configFile = directory.appendingPathComponent("vedetta.yaml")
        let root = RepositoryPaths.root
        let devices = Self.devices.map { device in
            """
              - name: \(device.name)
                labels: {site: lab, role: \(device.role)}
                snmp: {address: 127.0.0.1:\(simulator.port), community: \(device.recording)}
            """
        }.joined(separator: "\n")
        try """
        agent:
          default_interval: 10s
          default_timeout: 8s
        probes_dir: \(root.appendingPathComponent("probes").path)
        alerts_dir: \(root.appendingPathComponent("alerts").path)
        devices:
        \(devices)
        """.write(to: configFile, atomically: true, encoding: .utf8)
        let agent = try await AgentProcess(
            configFile: configFile, dataDirectory: directory.appendingPathComponent("data"))

        // Every device answers, and has been polled several times (rates need two polls).
        try await Ports.waitUntil(timeout: .seconds(120), "not every device answered:\n\(agent.output)") {
            let up =
                (try? agent.get("/metrics").split(separator: "\n").filter {
                    $0.hasPrefix("up{") && $0.hasSuffix(" 1")
                }.count) ?? 0
            return up == Self.devices.count
        }
        try await waitForProbeRuns(agent, atLeast: Self.devices.count * 2)

        let alerts = try #require(
            try JSONSerialization.jsonObject(with: Data(agent.get("/api/v1/alerts").utf8)) as? [[String: Any]])
        let described = alerts.map { alert in
            let labels = alert["labels"] as? [String: String] ?? [:]
            return "\(alert["rule"] ?? "?") \(labels["device"] ?? "?") \(labels["ifName"] ?? labels["ifIndex"] ?? "")"
        }
        #expect(alerts.isEmpty, "\(alerts.count) alerts on a quiet network: \(described.prefix(20))")
        let incidents = try JSONSerialization.jsonObject(with: Data(agent.get("/api/v1/incidents?state=all").utf8))
        #expect((incidents as? [Any])?.isEmpty == true, "\(incidents)")
        #expect(agent.stop() == 0)
    }
}
