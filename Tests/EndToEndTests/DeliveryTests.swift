import Foundation
import Testing
import VedettaTestSupport

/// Pages as a receiver sees them, from the real agent: in order per incident, and once even with two agents on
/// one database.
@Suite("Delivery order and claims, end to end", .serialized)
struct DeliveryTests {
    /// A configuration with one HTTP device, checked every second, and one webhook.
    private static func lab(device: String, webhook: String) throws -> (config: URL, data: URL) {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-delivery")
        let alerts = directory.appendingPathComponent("alerts")
        try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("vedetta.yaml")
        try """
        agent:
          default_interval: 1s
          default_timeout: 500ms
        alerts_dir: alerts
        devices:
          - name: crm-web
            http: {url: "\(device)"}
        notify:
          webhooks:
            - {name: oncall, url: "\(webhook)"}
        """.write(to: config, atomically: true, encoding: .utf8)
        try """
        rules:
          - alert: HTTPCheckDown
            expr: up{probe="http"} == 0
            severity: critical
            summary: "{{ $labels.device }} does not answer"
        """.write(to: alerts.appendingPathComponent("test.yaml"), atomically: true, encoding: .utf8)
        return (config, directory.appendingPathComponent("data"))
    }

    private static func events(_ receiver: HTTPServerFixture) throws -> [String] {
        try receiver.recordedRequests().map { request in
            let document = try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any]
            return "\(document?["event"] as? String ?? "?") \(request.status)"
        }
    }

    @Test("a restoration waits while its opening is retried: the receiver hears OPENED, then RESTORED")
    func restorationNeverOvertakesOpening() async throws {
        let device = try await HTTPServerFixture.start()
        let receiver = try await HTTPServerFixture.start()
        try device.failNext(2)  // down for two polls, then back
        try receiver.failNext(2)  // the opening fails twice: retried after 2 s, then after 4 s more
        let lab = try Self.lab(device: device.url("/ok"), webhook: receiver.url("/hook"))
        let agent = try await AgentProcess(configFile: lab.config, dataDirectory: lab.data)
        _ = try await receiver.waitForRequests(atLeast: 1, timeout: .seconds(60))
        // The opening failed once and waits for its retry: /healthz shows it waiting, and for how long.
        let waiting = try Self.health(agent)
        #expect((waiting["pending_notifications"] as? Int ?? 0) >= 1)
        #expect((waiting["oldest_pending_notification_seconds"] as? Double).map { $0 >= 0 } == true)
        _ = try await receiver.waitForRequests(atLeast: 4, timeout: .seconds(60))
        #expect(try Self.events(receiver) == ["opened 503", "opened 503", "opened 200", "restored 200"])
        // Bounded wait for the last delivery to be marked: then nothing waits, and the age is null.
        let deadline = ContinuousClock.now + .seconds(10)
        var settled = try Self.health(agent)
        while settled["pending_notifications"] as? Int != 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            settled = try Self.health(agent)
        }
        #expect(settled["pending_notifications"] as? Int == 0)
        #expect(settled["oldest_pending_notification_seconds"] is NSNull)
        #expect(agent.stop() == 0)
    }

    private static func health(_ agent: AgentProcess) throws -> [String: Any] {
        let body = try agent.get("/healthz")
        return try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    @Test("two agents on one database page once: one opening and one restoration reach the receiver")
    func twoAgentsPageOnce() async throws {
        let device = try await HTTPServerFixture.start()
        let receiver = try await HTTPServerFixture.start()
        try device.failNext(4)
        let lab = try Self.lab(device: device.url("/ok"), webhook: receiver.url("/slow/200"))
        let first = try await AgentProcess(configFile: lab.config, dataDirectory: lab.data)
        let second = try await AgentProcess(configFile: lab.config, dataDirectory: lab.data)
        _ = try await receiver.waitForRequests(atLeast: 2, timeout: .seconds(60))
        // Both agents keep polling the healthy device for a while: nothing more may arrive.
        try await Task.sleep(for: .seconds(3))
        #expect(try Self.events(receiver) == ["opened 200", "restored 200"])
        let keys = try receiver.recordedRequests().compactMap { $0.header("Idempotency-Key") }
        #expect(Set(keys).count == 2)
        #expect(first.stop() == 0)
        #expect(second.stop() == 0)
    }
}
