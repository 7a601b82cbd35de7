import Foundation
import Testing
import VedettaTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Reloading the configuration of a running agent (`SIGHUP`, `POST /api/v1/reload`), against a real agent process,
/// real HTTP servers as devices and a real webhook receiver.
@Suite("Configuration reload, end to end", .serialized)
struct ConfigurationReloadTests {
    /// A lab: a web server the devices' checks reach, a webhook receiver, and a directory with the configuration.
    private struct Lab {
        let devices: HTTPServerFixture
        let receiver: HTTPServerFixture
        let config: URL
        let data: URL
        /// A port nothing listens on: a device checked there is down.
        let deadPort: Int

        static func make() async throws -> Lab {
            let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-reload")
            let alerts = directory.appendingPathComponent("alerts")
            try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
            try """
            rules:
              - alert: HTTPCheckDown
                expr: up{probe="http"} == 0
                severity: critical
                summary: "{{ $labels.device }} does not answer"
              - alert: CheckedForAnHour
                expr: probe_duration_seconds{probe="http"} >= 0
                for: 1h
                severity: info
                summary: "{{ $labels.device }} has been checked for an hour"
            """.write(to: alerts.appendingPathComponent("web.yaml"), atomically: true, encoding: .utf8)
            return Lab(
                devices: try await HTTPServerFixture.start(), receiver: try await HTTPServerFixture.start(),
                config: directory.appendingPathComponent("vedetta.yaml"),
                data: directory.appendingPathComponent("data"), deadPort: try Ports.freePort())
        }

        /// Writes `vedetta.yaml` with the devices given as YAML list items, and extra top-level text.
        func write(devices: [String], agent: String = "", extra: String = "") throws {
            try """
            agent:
              default_interval: 1s
              default_timeout: 500ms
            \(agent)
            alerts_dir: alerts
            devices:
            \(devices.map { "  " + $0 }.joined(separator: "\n"))
            notify:
              webhooks:
                - name: oncall
                  url: \(receiver.url("/hook"))
            \(extra)
            """.write(to: config, atomically: true, encoding: .utf8)
        }

        func web(_ name: String) -> String { "- {name: \(name), http: {url: \"\(devices.url("/ok"))\"}}" }
        func dead(_ name: String) -> String { "- {name: \(name), http: {url: \"http://127.0.0.1:\(deadPort)/\"}}" }
    }

    private static func alerts(_ agent: AgentProcess) throws -> [[String: Any]] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(agent.get("/api/v1/alerts").utf8)) as? [[String: Any]])
    }

    private static func activeSince(_ rule: String, device: String, in alerts: [[String: Any]]) -> String? {
        alerts.first { alert in
            alert["rule"] as? String == rule && (alert["labels"] as? [String: String])?["device"] == device
        }?["active_since"] as? String
    }

    @Test(
        "SIGHUP applies edited files without a restart: an added device is polled at once, a removed one is gone and its incident restored, and the alert holds of the others stay"
    )
    func sighupAppliesDeviceChanges() async throws {
        let lab = try await Lab.make()
        try lab.write(devices: [lab.web("crm-web"), lab.dead("ivr-web")])
        let agent = try await AgentProcess(configFile: lab.config, dataDirectory: lab.data)
        let pid = agent.pid
        let opened = try await lab.receiver.waitForRequests(atLeast: 1, timeout: .seconds(30))
        #expect(opened[0].body.contains("ivr-web"))
        var held: String?
        try await Ports.waitUntil(timeout: .seconds(20), "crm-web's hold never started:\n\(agent.output)") {
            held = Self.activeSince("CheckedForAnHour", device: "crm-web", in: (try? Self.alerts(agent)) ?? [])
            return held != nil
        }

        try lab.write(devices: [lab.web("crm-web"), lab.web("cti-web")])
        agent.send(SIGHUP)
        try await Ports.waitUntil(timeout: .seconds(20), "no reload logged:\n\(agent.output)") {
            agent.output.contains("configuration reloaded")
        }
        let line = agent.output.split(separator: "\n").first { $0.contains("configuration reloaded") } ?? ""
        #expect(line.contains("devices: 1 added (cti-web), 1 removed (ivr-web)"), "got: \(line)")
        #expect(line.contains("reload.trigger=SIGHUP"), "got: \(line)")

        // The added device: polled within the start-up spread, listed for service discovery.
        try await Ports.waitUntil(timeout: .seconds(15), "cti-web was never polled:\n\(agent.output)") {
            ((try? agent.get("/metrics/devices/cti-web")) ?? "").contains("up{")
        }
        let targets = try agent.get("/api/v1/targets")
        #expect(targets.contains("cti-web") && !targets.contains("ivr-web"))
        // The removed device: no samples, its incident restored and the receiver told so.
        #expect(try agent.json("GET", "/metrics/devices/ivr-web", body: nil).status == 404)
        let restored = try await lab.receiver.waitForRequests(atLeast: 2, timeout: .seconds(20))
        #expect(restored[1].body.contains("ivr-web"))
        #expect(restored[1].body.contains("RESTORED") || restored[1].body.contains("restored"))
        #expect(!(try agent.get("/api/v1/incidents?state=open")).contains("ivr-web"))
        // The device that stayed keeps its alert state: the hour-long hold did not start again.
        let alerts = try Self.alerts(agent)
        #expect(Self.activeSince("CheckedForAnHour", device: "crm-web", in: alerts) == held)
        #expect(Self.activeSince("CheckedForAnHour", device: "ivr-web", in: alerts) == nil)
        #expect(agent.pid == pid, "the agent restarted")
        #expect(try agent.metric("vedetta_config_last_reload_successful") == 1)
        #expect(agent.stop() == 0)
    }

    @Test(
        "a configuration with errors is refused with file:line:column and the running one stays; settings that need a restart are named and keep their running values"
    )
    func refusedAndRestartOnlySettings() async throws {
        let lab = try await Lab.make()
        try lab.write(devices: [lab.web("crm-web")])
        let agent = try await AgentProcess(configFile: lab.config, dataDirectory: lab.data)
        try await Ports.waitUntil(timeout: .seconds(15), "crm-web was never polled:\n\(agent.output)") {
            ((try? agent.get("/metrics/devices/crm-web")) ?? "").contains("up{")
        }

        // Line 8 holds the new device; its interval is not a duration.
        try lab.write(devices: [lab.web("crm-web"), "- {name: pbx-1, interval: banana, http: {url: \"http://x/\"}}"])
        let refused = try agent.json("POST", "/api/v1/reload", body: nil)
        #expect(refused.status == 422, "got: \(refused.body)")
        #expect(refused.body.contains("\"applied\" : false"))
        #expect(refused.body.contains("vedetta.yaml:8:"), "got: \(refused.body)")
        #expect(refused.body.contains("banana"), "got: \(refused.body)")
        #expect(agent.output.contains("configuration reload refused; the running configuration stays"))
        #expect(try agent.metric("vedetta_config_last_reload_successful") == 0)
        #expect(try agent.metric("vedetta_config_reloads_total", labels: ["result": "refused"]) == 1)
        let targets = try agent.get("/api/v1/targets")
        #expect(targets.contains("crm-web") && !targets.contains("pbx-1"))

        // Valid again, with a new rule file, a maintenance window file, a new limit of probes in flight (applied) and a
        // time zone (only a restart changes it).
        let directory = lab.config.deletingLastPathComponent()
        try """
        rules:
          - alert: PBXAnswers
            expr: up{device="pbx-1"} == 1
            severity: info
            summary: "{{ $labels.device }} answers"
        """.write(to: directory.appendingPathComponent("alerts/pbx.yaml"), atomically: true, encoding: .utf8)
        let maintenance = directory.appendingPathComponent("maintenance")
        try FileManager.default.createDirectory(at: maintenance, withIntermediateDirectories: true)
        try """
        windows:
          - name: pbx-1-upgrade
            match: 'device="pbx-1"'
            start: 2030-01-05T22:00
            duration: 2h
            reason: PBX firmware upgrade (CHG-77)
        """.write(to: maintenance.appendingPathComponent("pbx.yaml"), atomically: true, encoding: .utf8)
        try lab.write(
            devices: [lab.web("crm-web"), lab.web("pbx-1")],
            agent: "  max_concurrent_probes: 8\n  time_zone: Europe/London")
        let applied = try agent.json("POST", "/api/v1/reload", body: nil)
        #expect(applied.status == 200, "got: \(applied.body)")
        #expect(applied.body.contains("\"applied\" : true"))
        #expect(applied.body.contains("devices: 1 added (pbx-1)"), "got: \(applied.body)")
        #expect(applied.body.contains("rules: 1 added (PBXAnswers)"), "got: \(applied.body)")
        #expect(applied.body.contains("maintenance windows from files: 1"), "got: \(applied.body)")
        #expect(try agent.get("/api/v1/maintenance").contains("pbx-1-upgrade"))
        // The new rule fires for the new device and pages through the channel.
        let pages = try await lab.receiver.waitForRequests(atLeast: 1, timeout: .seconds(20))
        #expect(pages[0].body.contains("PBXAnswers") && pages[0].body.contains("pbx-1"), "got: \(pages[0].body)")
        #expect(applied.body.contains("agent.max_concurrent_probes: 8"), "got: \(applied.body)")
        // `reports.time_zone` follows `agent.time_zone` when not set, so both are named.
        #expect(
            applied.body.contains("\"needs_restart\" : [\n    \"agent.time_zone\",\n    \"reports\"\n  ]"),
            "got: \(applied.body)")
        #expect(agent.output.contains("some changed settings apply only after a restart"))
        try await Ports.waitUntil(timeout: .seconds(15), "pbx-1 was never polled:\n\(agent.output)") {
            ((try? agent.get("/metrics/devices/pbx-1")) ?? "").contains("up{")
        }
        #expect(try agent.metric("vedetta_config_last_reload_successful") == 1)
        #expect(try agent.metric("vedetta_config_reloads_total", labels: ["result": "applied"]) == 1)
        // The audit log names who reloaded.
        #expect(try agent.get("/api/v1/audit").contains("/api/v1/reload"))
        #expect(agent.stop() == 0)
    }
}
