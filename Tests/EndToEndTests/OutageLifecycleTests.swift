import Foundation
import Testing
import VedettaTestSupport

/// The whole pipe on real parts: the `vedetta` binary polls a real SNMP simulator, a real HTTP server receives the
/// webhooks, and the incident log is read back through the CLI.
@Suite("Outage lifecycle, end to end", .serialized)
struct OutageLifecycleTests {
    @Test("device goes down: one incident, one page; kill -9 and restart: no duplicate; device returns: restored once")
    func outageOpensPagesAndRestoresExactlyOnce() async throws {
        let simulator = try await SNMPSimFixture(recordings: ["recorded/linux-full-walk"])
        let receiver = try await HTTPServerFixture.start()
        let lab = try LabConfiguration(simulator: simulator, webhookURL: receiver.url("/hook"))
        let agent = try await AgentProcess(configFile: lab.configFile, dataDirectory: lab.dataDirectory)

        // Healthy: the device is polled and up, nothing is paged.
        try await waitForProbeRuns(agent, atLeast: 2)
        #expect(try agent.metric("up", labels: ["device": "sim-server", "probe": "snmp"]) == 1)
        #expect(try receiver.recordedRequests().isEmpty)

        // Outage: stop the simulator.
        let outageStarted = Date()
        simulator.stop()
        let opened = try await receiver.waitForRequests(atLeast: 1, timeout: .seconds(60))
        #expect(opened.count == 1)
        let page = try WebhookDocument(opened[0])
        #expect(page.event == "opened")
        #expect(page.rule == "DeviceUnreachable")
        #expect(page.device == "sim-server")
        #expect(opened[0].header("Idempotency-Key") == "vedetta-\(page.notificationID)")
        var open = try lab.incidents(state: "open")
        #expect(open.count == 1)
        let alerts = try #require(
            try JSONSerialization.jsonObject(with: Data(agent.get("/api/v1/alerts").utf8)) as? [[String: Any]])
        #expect(alerts.count == 1)
        #expect(alerts.first?["rule"] as? String == "DeviceUnreachable")
        #expect(alerts.first?["state"] as? String == "firing")
        let apiIncidents = try #require(
            try JSONSerialization.jsonObject(with: Data(agent.get("/api/v1/incidents?state=open").utf8))
                as? [[String: Any]])
        #expect(apiIncidents.map { ($0["id"] as? NSNumber)?.int64Value } == [page.incidentID])

        // Crash while the incident is open, then restart: still one incident, no second page.
        agent.kill()
        try await agent.start()
        try await waitForProbeRuns(agent, atLeast: 3)
        open = try lab.incidents(state: "open")
        #expect(open.count == 1)
        #expect(try receiver.recordedRequests().count == 1)

        // Restoration: the simulator comes back.
        try await simulator.start()
        let outageEnded = Date()
        let both = try await receiver.waitForRequests(atLeast: 2, timeout: .seconds(60))
        let restoredPage = try WebhookDocument(both[1])
        #expect(restoredPage.event == "restored")
        #expect(restoredPage.incidentID == page.incidentID)

        let incidents = try lab.incidents(state: "all")
        try #require(incidents.count == 1)
        let incident = incidents[0]
        #expect(incident.state == "restored")
        let detected = try #require(incident.detectedAt)
        let restored = try #require(incident.restoredAt)
        let duration = try #require(incident.timeToRestoreSeconds)
        #expect(detected >= outageStarted.addingTimeInterval(-1))
        #expect(restored >= outageEnded.addingTimeInterval(-1))
        #expect(abs(restored.timeIntervalSince(detected) - duration) < 0.01)
        #expect(duration <= outageEnded.timeIntervalSince(outageStarted) + 10)

        // A few more polls: nothing more is sent.
        try await waitForProbeRuns(agent, atLeast: 3)
        #expect(try receiver.recordedRequests().count == 2)
        #expect(agent.stop() == 0)
    }

    @Test("a webhook receiver that is down gets the page once it is back: nothing is lost")
    func pageSurvivesAReceiverOutage() async throws {
        let simulator = try await SNMPSimFixture(recordings: ["recorded/linux-full-walk"])
        let receiver = try await HTTPServerFixture.start()
        let lab = try LabConfiguration(simulator: simulator, webhookURL: receiver.url("/hook"))
        let agent = try await AgentProcess(configFile: lab.configFile, dataDirectory: lab.dataDirectory)
        try await waitForProbeRuns(agent, atLeast: 1)

        try receiver.failNext(2)
        simulator.stop()
        // The first two attempts get 503; the dispatcher retries with backoff until the receiver accepts.
        let requests = try await receiver.waitForRequests(atLeast: 3, timeout: .seconds(60))
        #expect(requests.prefix(2).allSatisfy { $0.status == 503 })
        #expect(requests[2].status == 200)
        let ids = try requests.prefix(3).map { try WebhookDocument($0).notificationID }
        #expect(Set(ids).count == 1, "retries carry the same notification ID")
        let health = try agent.get("/healthz")
        #expect(health.contains("\"pending_notifications\" : 0") || health.contains("\"pending_notifications\":0"))
        #expect(agent.stop() == 0)
    }
}
