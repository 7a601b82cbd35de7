import Foundation
import Testing
import VedettaTestSupport

/// `deploy/grafana/vedetta.json` is a dashboard Grafana can import, and it asks only for metrics the real agent
/// exports: read back from the `/metrics?all=1` of an agent polling a real-device recording.
@Suite("Grafana dashboard", .serialized, .tags(.snmpsim))
struct GrafanaDashboardTests {
    static let file = RepositoryPaths.root.appendingPathComponent("deploy/grafana/vedetta.json")

    /// Every metric name a PromQL expression selects: the names before a `{`.
    static func metricNames(in expression: String) -> Set<String> {
        var names = Set<String>()
        let pattern = try? NSRegularExpression(pattern: #"([a-zA-Z_:][a-zA-Z0-9_:]*)\{"#)
        let range = NSRange(expression.startIndex..., in: expression)
        for match in pattern?.matches(in: expression, range: range) ?? [] {
            if let name = Range(match.range(at: 1), in: expression) { names.insert(String(expression[name])) }
        }
        return names
    }

    static func dashboard() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    }

    @Test("it is dashboard JSON Grafana imports: title, uid, schema version, panels with ids, positions and queries")
    func structure() throws {
        let dashboard = try Self.dashboard()
        #expect(dashboard["title"] as? String == "Vedetta")
        #expect(dashboard["uid"] as? String == "vedetta-overview")
        #expect((dashboard["schemaVersion"] as? Int ?? 0) >= 36)
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        let ids = panels.compactMap { $0["id"] as? Int }
        #expect(ids.count == panels.count && Set(ids).count == ids.count, "every panel has its own id")
        for panel in panels {
            let grid = try #require(panel["gridPos"] as? [String: Int], "\(panel["title"] ?? "?")")
            #expect(grid["w"] != nil && grid["h"] != nil && grid["x"] != nil && grid["y"] != nil)
            guard panel["type"] as? String != "row" else { continue }
            let targets = try #require(panel["targets"] as? [[String: Any]])
            #expect(!targets.isEmpty)
            #expect(targets.allSatisfy { !Self.metricNames(in: $0["expr"] as? String ?? "").isEmpty })
        }
        let variables = (dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
        #expect(variables.compactMap { $0["name"] as? String } == ["datasource", "device"])
    }

    @Test("every metric it queries is one the agent exports")
    func metricsExist() async throws {
        let dashboard = try Self.dashboard()
        var queried = Set<String>()
        for panel in dashboard["panels"] as? [[String: Any]] ?? [] {
            for target in panel["targets"] as? [[String: Any]] ?? [] {
                queried.formUnion(Self.metricNames(in: target["expr"] as? String ?? ""))
            }
        }
        for variable in (dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? [] {
            queried.formUnion(Self.metricNames(in: variable["definition"] as? String ?? ""))
        }
        #expect(queried.isSuperset(of: ["vedetta_probe_runs_total", "ifHCInOctets", "ALERTS"]))

        let simulator = try await SNMPSimFixture(recordings: ["recorded/linux-full-walk"])
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-grafana")
        let closed = try Ports.freePort()
        try """
        agent:
          default_interval: 1h
          default_timeout: 1m
        probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
        alerts_dir: \(RepositoryPaths.root.appendingPathComponent("alerts").path)
        devices:
          - name: crm-db-01
            snmp: {address: "127.0.0.1:\(simulator.port)", community: "recorded/linux-full-walk", profiles: auto}
          - name: crm-web
            http: {url: "http://127.0.0.1:\(closed)/"}
        """.write(to: directory.appendingPathComponent("vedetta.yaml"), atomically: true, encoding: .utf8)
        let agent = try await AgentProcess(
            configFile: directory.appendingPathComponent("vedetta.yaml"),
            dataDirectory: directory.appendingPathComponent("data"))
        try await Ports.waitUntil(timeout: .seconds(120), "no poll:\n\(agent.output)") {
            (try? agent.metric("up", labels: ["device": "crm-db-01"])) == 1
                && ((try? agent.get("/metrics?all=1")) ?? "").contains("ALERTS{")
        }
        let exported = Set(
            try agent.get("/metrics?all=1").split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
                line.split(whereSeparator: { $0 == "{" || $0 == " " }).first.map(String.init)
            })
        #expect(queried.subtracting(exported).isEmpty, "queried but not exported: \(queried.subtracting(exported))")
        #expect(agent.stop() == 0)
    }
}
