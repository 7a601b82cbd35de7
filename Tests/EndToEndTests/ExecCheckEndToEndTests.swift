import Foundation
import Testing
import VedettaTestSupport

/// A site's own Nagios plugin run by the real agent: it turns CRITICAL, the shipped rule pages the real webhook
/// receiver once with the plugin's own words, and the page resolves when the plugin says OK again.
@Suite("Exec checks, end to end", .serialized)
struct ExecCheckEndToEndTests {
    @Test("a plugin that turns CRITICAL pages once with its output; back to OK, the page is resolved")
    func pluginPages() async throws {
        let receiver = try await HTTPServerFixture.start()
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-exec")
        let state = directory.appendingPathComponent("trunk-state")
        try "0\nSIP OK - carrier-1 answers | rtt=12ms;200;500;0\n".write(to: state, atomically: true, encoding: .utf8)
        let plugin = directory.appendingPathComponent("check_trunk")
        // The plugin prints lines 2.. of the state file and exits with line 1, as a site's own script would.
        try """
        #!/bin/sh
        code=$(head -n 1 "$STATE_FILE")
        tail -n +2 "$STATE_FILE"
        exit "$code"
        """.write(to: plugin, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plugin.path)
        let alerts = directory.appendingPathComponent("alerts")
        try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
        // The shipped rule, with its hold shortened for the test.
        let shipped = try String(
            contentsOfFile: RepositoryPaths.root.appendingPathComponent("alerts/plugins.yaml").path, encoding: .utf8)
        try shipped.replacingOccurrences(of: "for: 2m", with: "for: 0s")
            .write(to: alerts.appendingPathComponent("plugins.yaml"), atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("vedetta.yaml")
        try """
        agent:
          default_interval: 2s
          default_timeout: 1500ms
        alerts_dir: alerts
        devices:
          - name: sbc-milano
            labels: {site: milano, role: sbc}
            exec:
              command: [\(plugin.path)]
              environment: {STATE_FILE: \(state.path)}
        notify:
          webhooks:
            - name: oncall
              url: \(receiver.url("/hook"))
              timeout: 2s
        """.write(to: config, atomically: true, encoding: .utf8)
        let agent = try await AgentProcess(configFile: config, dataDirectory: directory.appendingPathComponent("data"))

        try await Ports.waitUntil(timeout: .seconds(30), "no exec sample:\n\(agent.output)") {
            (try? agent.metric("exec_status", labels: ["device": "sbc-milano"])) == 0
                && (try? agent.metric("exec_perfdata", labels: ["label": "rtt", "uom": "s"])) == 0.012
        }
        #expect(try receiver.recordedRequests().isEmpty)

        try "2\nSIP CRITICAL - carrier-1: 503 Service Unavailable | rtt=480ms;200;500;0\nregistrations: 0 of 30\n"
            .write(to: state, atomically: true, encoding: .utf8)
        try await Ports.waitUntil(timeout: .seconds(30), "no page:\n\(agent.output)") {
            (try? receiver.recordedRequests().count) == 1
        }
        let page = try #require(try receiver.recordedRequests().first)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
        let incident = try #require(document["incident"] as? [String: Any])
        #expect(incident["rule"] as? String == "PluginCritical")
        #expect(
            incident["summary"] as? String
                == "sbc-milano check_trunk: SIP CRITICAL - carrier-1: 503 Service Unavailable")
        #expect((incident["description"] as? String)?.hasSuffix("registrations: 0 of 30") == true)
        #expect((document["subject"] as? String)?.contains("SIP CRITICAL - carrier-1: 503 Service Unavailable") == true)

        // Still CRITICAL for a few more runs: no second page.
        try await Task.sleep(for: .seconds(3))
        #expect(try receiver.recordedRequests().count == 1)

        try "0\nSIP OK - carrier-1 answers\n".write(to: state, atomically: true, encoding: .utf8)
        try await Ports.waitUntil(timeout: .seconds(30), "no resolve:\n\(agent.output)") {
            (try? receiver.recordedRequests().count) == 2
        }
        let resolved = try #require(try receiver.recordedRequests().last)
        #expect(resolved.body.contains("\"event\":\"restored\""))
        #expect(agent.stop() == 0)
    }
}
