import Foundation
import Testing
import VedettaTestSupport

/// Vedetta in a Prometheus shop: a real Prometheus (Debian's 2.42) finds every device through `/api/v1/targets`
/// and scrapes each at its own path, the way snmp_exporter's users are used to.
@Suite("Prometheus service discovery, end to end", .serialized, .tags(.snmpsim))
struct PrometheusDiscoveryTests {
    static let recordings = [
        "recorded/linux-full-walk", "network/switch/cisco-c3560", "network/router/juniper-mx960-13-3r9-13",
    ]

    @Test("a real Prometheus discovers every device and, after two scrape intervals, has up and ifOperStatus for each")
    func prometheusScrapesEveryDevice() async throws {
        let prometheusBinary = try RepositoryPaths.executable("prometheus", candidates: ["/usr/bin/prometheus"])
        let simulator = try await SNMPSimFixture(recordings: Self.recordings)
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-prometheus")
        let devices = Self.recordings.map { $0.replacingOccurrences(of: "/", with: "-") }
        var yaml = """
            agent:
              default_interval: 1h
              default_timeout: 4m
              max_concurrent_probes: 2      # snmpsim answers one request at a time
            probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
            alerts_dir: \(RepositoryPaths.root.appendingPathComponent("alerts").path)
            devices:

            """
        for (recording, device) in zip(Self.recordings, devices) {
            yaml += """
                  - name: \(device)
                    labels: {site: milano}
                    snmp: {address: "127.0.0.1:\(simulator.port)", community: "\(recording)", profiles: auto}

                """
        }
        let config = directory.appendingPathComponent("vedetta.yaml")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        let agent = try await AgentProcess(configFile: config, dataDirectory: directory.appendingPathComponent("data"))
        try await Ports.waitUntil(timeout: .seconds(240), "not every device answered:\n\(agent.output)") {
            devices.allSatisfy { (try? agent.metric("up", labels: ["device": $0])) == 1 }
        }

        // The snippet of docs/prometheus.md, with short intervals for the test.
        let port = try Ports.freePort()
        try """
        global:
          scrape_interval: 2s
          scrape_timeout: 2s
        scrape_configs:
          - job_name: vedetta-devices
            http_sd_configs:
              - url: http://127.0.0.1:\(agent.port)/api/v1/targets
                refresh_interval: 2s
            relabel_configs:
              - source_labels: [__meta_vedetta_device]
                target_label: instance
        """.write(to: directory.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        let prometheus = try ManagedProcess(
            executable: prometheusBinary,
            arguments: [
                "--config.file=\(directory.appendingPathComponent("prometheus.yml").path)",
                "--storage.tsdb.path=\(directory.appendingPathComponent("tsdb").path)",
                "--web.listen-address=127.0.0.1:\(port)",
            ])
        defer { prometheus.stop() }
        try await Ports.waitForTCP(port: port, process: prometheus)

        func query(_ expression: String) throws -> [[String: Any]] {
            let encoded = expression.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? expression
            let body = try ControlRequest.send("GET", "http://127.0.0.1:\(port)/api/v1/query?query=\(encoded)")
            let answer = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            return (answer?["data"] as? [String: Any])?["result"] as? [[String: Any]] ?? []
        }
        func instances(_ expression: String) -> Set<String> {
            Set(((try? query(expression)) ?? []).compactMap { ($0["metric"] as? [String: String])?["instance"] })
        }
        try await Ports.waitUntil(
            timeout: .seconds(60), "Prometheus did not scrape every device:\n\(prometheus.output)"
        ) {
            instances(#"up{job="vedetta-devices"} == 1"#) == Set(devices)
                && instances(#"count by (instance) (ifOperStatus{job="vedetta-devices"})"#) == Set(devices)
        }
        // Each target is one device: its series carry the device's own labels, and nobody else's.
        for device in devices {
            let series = try query(#"ifOperStatus{instance="\#(device)"}"#)
            #expect(!series.isEmpty)
            #expect(
                series.allSatisfy {
                    let labels = $0["metric"] as? [String: String]
                    return labels?["device"] == device && labels?["site"] == "milano"
                })
        }
        // Prometheus asked for OpenMetrics and got it: the SNMP counter `ifInOctets` keeps its name, and OpenMetrics
        // types a counter without `_total` as `unknown` (the text format would have said `counter`).
        let metadata = try ControlRequest.send(
            "GET", "http://127.0.0.1:\(port)/api/v1/targets/metadata?metric=ifInOctets&limit=1")
        #expect(metadata.contains(#""type":"unknown""#), "\(metadata)")
        #expect(agent.stop() == 0)
    }
}
