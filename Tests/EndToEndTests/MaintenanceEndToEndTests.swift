import Foundation
import Testing
import VedettaCore
import VedettaTestSupport

/// Maintenance windows on real parts: the `vedetta` binary polls snmpsim serving a real Linux server's recording,
/// a real HTTP server receives the webhooks, windows are planned with the CLI from another process, and the
/// clock is the real one (windows of a few seconds).
@Suite("Maintenance windows, end to end", .serialized)
struct MaintenanceEndToEndTests {
    /// Plans a window on the lab device with the CLI, from now for `seconds`, and waits (bounded) until the agent
    /// has picked it up (its `vedetta_maintenance_active` gauge is 1).
    private func planWindow(_ lab: LabConfiguration, _ agent: AgentProcess, seconds: Int) async throws -> Int64 {
        let result = try ToolRunner.vedetta([
            "maintenance", "add", "--config", lab.configFile.path, "--match", "device=\"sim-server\"", "--start",
            "now", "--duration", "\(seconds)s", "--reason", "firmware upgrade", "--by", "alice", "--json",
        ])
        try #require(result.status == 0, "maintenance add failed: \(result.standardError)")
        let window = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let id = try #require((window["id"] as? NSNumber)?.int64Value)
        try await Ports.waitUntil(timeout: .seconds(20), "the agent did not load maintenance #\(id):\n\(agent.output)")
        {
            (try? agent.metric("vedetta_maintenance_active", labels: ["window": "\(id)"])) == 1
        }
        return id
    }

    /// The incidents of `vedetta incidents list --json` as JSON objects.
    private func incidents(_ lab: LabConfiguration, state: String) throws -> [[String: Any]] {
        let result = try ToolRunner.vedetta([
            "incidents", "list", "--data", lab.dataDirectory.path, "--state", state, "--json",
        ])
        try #require(result.status == 0, "incidents list failed: \(result.standardError)")
        return try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
    }

    /// Waits (bounded) for an open incident of the lab device and returns it.
    private func waitForOpenIncident(_ lab: LabConfiguration) async throws -> [String: Any] {
        try await Ports.waitUntil(timeout: .seconds(30), "no incident opened") {
            ((try? incidents(lab, state: "open")) ?? []).count == 1
        }
        return try #require(try incidents(lab, state: "open").first)
    }

    @Test("down inside a window: marked, no page; still down when it ends: one page, within an evaluation interval")
    func pageAtTheEnd() async throws {
        let simulator = try await SNMPSimFixture(recordings: ["recorded/linux-full-walk"])
        let receiver = try await HTTPServerFixture.start()
        let lab = try LabConfiguration(simulator: simulator, webhookURL: receiver.url("/hook"))
        let agent = try await AgentProcess(configFile: lab.configFile, dataDirectory: lab.dataDirectory)
        try await waitForProbeRuns(agent, atLeast: 2)

        let id = try await planWindow(lab, agent, seconds: 12)
        let planned = try ToolRunner.vedetta([
            "maintenance", "show", "\(id)", "--config", lab.configFile.path, "--json",
        ])
        let window = try #require(
            try JSONSerialization.jsonObject(with: Data(planned.standardOutput.utf8)) as? [String: Any])
        let current = try #require((window["window"] as? [String: Any])?["current"] as? [String: Any])
        let endText = try #require(current["end"] as? String)
        let end = try #require(Date.parseISO8601(endText))

        simulator.stop()
        let incident = try await waitForOpenIncident(lab)
        #expect((incident["maintenance_window"] as? NSNumber)?.int64Value == id)
        let timeline = incident["timeline"] as? [[String: Any]] ?? []
        #expect(timeline.contains { $0["kind"] as? String == "muted" })
        let alerts = try #require(
            try JSONSerialization.jsonObject(with: Data(agent.get("/api/v1/alerts").utf8)) as? [[String: Any]])
        #expect((alerts.first?["maintenance_window"] as? NSNumber)?.int64Value == id)
        #expect(try agent.get("/metrics").contains("alertstate=\"suppressed\""))
        #expect(try receiver.recordedRequests().isEmpty, "nobody is paged inside the window")

        let pages = try await receiver.waitForRequests(atLeast: 1, timeout: .seconds(60))
        let pagedAt = Date()
        let page = try WebhookDocument(pages[0])
        #expect(page.event == "opened")
        #expect(page.subject.contains("still failing after maintenance #\(id) (firmware upgrade) ended"))
        #expect(pagedAt >= end)
        // Polled every second: the page follows the end within an interval, plus delivery (bounded, generous).
        #expect(pagedAt.timeIntervalSince(end) < 10)

        try await waitForProbeRuns(agent, atLeast: 3)
        #expect(try receiver.recordedRequests().count == 1, "one page, not one per poll")
        try await simulator.start()
        let both = try await receiver.waitForRequests(atLeast: 2, timeout: .seconds(60))
        #expect(try WebhookDocument(both[1]).event == "restored")
        #expect(agent.stop() == 0)
    }

    @Test("a device that recovers inside its window pages nobody, then or later")
    func recoversInside() async throws {
        let simulator = try await SNMPSimFixture(recordings: ["recorded/linux-full-walk"])
        let receiver = try await HTTPServerFixture.start()
        let lab = try LabConfiguration(simulator: simulator, webhookURL: receiver.url("/hook"))
        let agent = try await AgentProcess(configFile: lab.configFile, dataDirectory: lab.dataDirectory)
        try await waitForProbeRuns(agent, atLeast: 2)

        _ = try await planWindow(lab, agent, seconds: 15)
        simulator.stop()
        _ = try await waitForOpenIncident(lab)
        try await simulator.start()
        try await Ports.waitUntil(timeout: .seconds(30), "the incident was not restored") {
            (try? incidents(lab, state: "open"))?.isEmpty == true
        }
        // Past the end of the window, and a few polls more: still nobody was paged.
        try await Task.sleep(for: .seconds(15))
        try await waitForProbeRuns(agent, atLeast: 2)
        #expect(try receiver.recordedRequests().isEmpty)
        #expect(agent.stop() == 0)
    }

    @Test("kill -9 inside the window: still muted after the restart, and exactly one page when it ends")
    func crashInside() async throws {
        let simulator = try await SNMPSimFixture(recordings: ["recorded/linux-full-walk"])
        let receiver = try await HTTPServerFixture.start()
        let lab = try LabConfiguration(simulator: simulator, webhookURL: receiver.url("/hook"))
        let agent = try await AgentProcess(configFile: lab.configFile, dataDirectory: lab.dataDirectory)
        try await waitForProbeRuns(agent, atLeast: 2)

        let id = try await planWindow(lab, agent, seconds: 15)
        simulator.stop()
        _ = try await waitForOpenIncident(lab)
        agent.kill()
        try await agent.start()
        try await waitForProbeRuns(agent, atLeast: 2)
        #expect(try receiver.recordedRequests().isEmpty, "the restarted agent keeps the alert muted")

        let pages = try await receiver.waitForRequests(atLeast: 1, timeout: .seconds(60))
        #expect(try WebhookDocument(pages[0]).subject.contains("still failing after maintenance #\(id)"))
        try await waitForProbeRuns(agent, atLeast: 3)
        #expect(try receiver.recordedRequests().count == 1)
        #expect(try incidents(lab, state: "all").count == 1)
        #expect(agent.stop() == 0)
    }
}
