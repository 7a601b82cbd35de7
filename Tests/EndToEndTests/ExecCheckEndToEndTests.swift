import Foundation
import Testing
import VedettaTestSupport

/// A site's own Nagios plugin run by the real agent: it turns CRITICAL, the shipped rule pages the real webhook
/// receiver once with the plugin's own words, and the page resolves when the plugin says OK again.
@Suite("Exec checks, end to end", .serialized)
struct ExecCheckEndToEndTests {
    @Test("a plugin that turns CRITICAL pages once with its output; back to OK, the page is resolved")
    func pluginPages() async throws {
        let lab = try await ExecPluginLab.make(prefix: "vedetta-exec", plugin: "check_trunk")
        let receiver = lab.receiver
        try lab.report(exit: 0, "SIP OK - carrier-1 answers | rtt=12ms;200;500;0\n")
        // The shipped rule, with its hold shortened for the test.
        let shipped = try String(
            contentsOfFile: RepositoryPaths.root.appendingPathComponent("alerts/plugins.yaml").path, encoding: .utf8)
        let agent = try await lab.startAgent(
            device: "sbc-milano", labels: "{site: milano, role: sbc}",
            rules: shipped.replacingOccurrences(of: "for: 2m", with: "for: 0s"))

        try await Ports.waitUntil(timeout: .seconds(30), "no exec sample:\n\(agent.output)") {
            (try? agent.metric("exec_status", labels: ["device": "sbc-milano"])) == 0
                && (try? agent.metric("exec_perfdata", labels: ["label": "rtt", "uom": "s"])) == 0.012
        }
        #expect(try receiver.recordedRequests().isEmpty)

        try lab.report(
            exit: 2, "SIP CRITICAL - carrier-1: 503 Service Unavailable | rtt=480ms;200;500;0\nregistrations: 0 of 30\n"
        )
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

        try lab.report(exit: 0, "SIP OK - carrier-1 answers\n")
        try await Ports.waitUntil(timeout: .seconds(30), "no resolve:\n\(agent.output)") {
            (try? receiver.recordedRequests().count) == 2
        }
        let resolved = try #require(try receiver.recordedRequests().last)
        #expect(resolved.body.contains("\"event\":\"restored\""))
        #expect(agent.stop() == 0)
    }
}
