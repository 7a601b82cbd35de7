import Foundation
import Testing
import VedettaTestSupport

/// A device with two checks of one kind (two URLs of the IVR): each is its own series, and one failing never
/// resolves, or opens, the other's alert.
@Suite("Several checks of one kind, end to end", .serialized)
struct NamedChecksTests {
    @Test("two named HTTP checks of one device: separate series with a check label; only the broken one alerts")
    func twoHTTPChecks() async throws {
        let server = try await HTTPServerFixture.start()
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-checks")
        let alerts = directory.appendingPathComponent("alerts")
        try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("vedetta.yaml")
        try """
        agent:
          default_interval: 1s
          default_timeout: 500ms
        alerts_dir: alerts
        devices:
          - name: ivr
            labels: {site: milano}
            http:
              - {name: login, url: "\(server.url("/ok"))"}
              - {name: api, url: "\(server.url("/status/503"))"}
        """.write(to: config, atomically: true, encoding: .utf8)
        try """
        rules:
          - alert: HTTPCheckDown
            expr: up{probe="http"} == 0
            severity: critical
            summary: "{{ $labels.device }} {{ $labels.check }} does not answer"
        """.write(to: alerts.appendingPathComponent("test.yaml"), atomically: true, encoding: .utf8)
        let data = directory.appendingPathComponent("data")
        let agent = try await AgentProcess(configFile: config, dataDirectory: data)

        try await Ports.waitUntil(timeout: .seconds(60), "no incident:\n\(agent.output)") {
            (try? agent.get("/api/v1/incidents?state=open"))?.contains("HTTPCheckDown") == true
        }
        // Both checks keep polling: after a few more runs, still exactly one incident, for the api check.
        try await Task.sleep(for: .seconds(3))
        let incidents = try #require(
            try JSONSerialization.jsonObject(with: Data(agent.get("/api/v1/incidents").utf8)) as? [[String: Any]])
        #expect(incidents.count == 1)
        let labels = incidents.first?["labels"] as? [String: String]
        #expect(labels?["check"] == "api")
        #expect(incidents.first?["summary"] as? String == "ivr api does not answer")
        #expect(try agent.metric("up", labels: ["device": "ivr", "check": "login"]) == 1)
        #expect(try agent.metric("up", labels: ["device": "ivr", "check": "api"]) == 0)
        #expect(try agent.metric("http_status_code", labels: ["check": "api"]) == 503)
        #expect(agent.stop() == 0)
    }
}
