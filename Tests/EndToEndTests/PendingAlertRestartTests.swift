import Foundation
import Testing
import VedettaTestSupport

/// A `for:` that survives a restart of the agent: the pending alert is saved at a graceful stop and taken over at
/// the next start, against a real SNMP poll of a port nobody answers on.
@Suite("Pending alerts across a restart, end to end", .serialized)
struct PendingAlertRestartTests {
    /// The alert `DeviceUnreachable` from `/api/v1/alerts`: its state and when it became pending.
    private static func alert(of agent: AgentProcess) throws -> (state: String, activeSince: Date)? {
        let body = try agent.get("/api/v1/alerts")
        let parsed = try JSONSerialization.jsonObject(with: Data(body.utf8))
        let list = (parsed as? [[String: Any]]) ?? ((parsed as? [String: Any])?["alerts"] as? [[String: Any]]) ?? []
        guard let alert = list.first(where: { $0["rule"] as? String == "DeviceUnreachable" }),
            let state = alert["state"] as? String, let text = alert["active_since"] as? String
        else { return nil }
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let activeSince = format.date(from: text) else { return nil }
        return (state, activeSince)
    }

    @Test("stopped while pending, restarted: the alert fires for: after it became pending, not after the restart")
    func pendingAlertSurvivesRestart() async throws {
        let lab = try DeadDeviceLab(prefix: "vedetta-pending", hold: "20s")
        let (config, data) = (lab.config, lab.data)
        let agent = try await AgentProcess(configFile: config, dataDirectory: data)
        try await Ports.waitUntil(timeout: .seconds(30), "no pending alert:\n\(agent.output)") {
            (try? Self.alert(of: agent))?.state == "pending"
        }
        let pendingSince = try #require(try Self.alert(of: agent)).activeSince
        #expect(agent.stop() == 0)
        let file = data.appendingPathComponent("pending-alerts.json")
        let saved = try String(contentsOf: file, encoding: .utf8)
        #expect(saved.contains("\"rule\" : \"DeviceUnreachable\""), "got: \(saved)")
        #expect(agent.output.contains("pending alerts saved for the next start"))

        try await agent.start()
        try await Ports.waitUntil(timeout: .seconds(10), "not taken over:\n\(agent.output)") {
            agent.output.contains("pending alerts taken over from the previous run")
        }
        #expect(!FileManager.default.fileExists(atPath: file.path), "the file is taken, not left for a later start")
        let restartedAt = Date()
        try await Ports.waitUntil(timeout: .seconds(40), "the alert did not fire:\n\(agent.output)") {
            (try? Self.alert(of: agent))?.state == "firing"
        }
        let firing = try #require(try Self.alert(of: agent))
        // It became pending in the first run, and fired counting from then.
        #expect(abs(firing.activeSince.timeIntervalSince(pendingSince)) < 0.002)
        #expect(firing.activeSince < restartedAt)
        let incidents = try agent.get("/api/v1/incidents")
        #expect(incidents.contains("DeviceUnreachable"))
        #expect(agent.stop() == 0)
    }

    @Test(
        "a saved file that cannot be read, is over an hour old or of an unknown version, is named in the log, removed, and not taken"
    )
    func unusableFiles() async throws {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-pending-files")
        let config = directory.appendingPathComponent("vedetta.yaml")
        let data = directory.appendingPathComponent("data")
        try "devices: []\n".write(to: config, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let file = data.appendingPathComponent("pending-alerts.json")

        try "{\"version\": 1, \"saved_at\": ".write(to: file, atomically: true, encoding: .utf8)
        let agent = try await AgentProcess(configFile: config, dataDirectory: data)
        try await Ports.waitUntil(timeout: .seconds(10), "no warning:\n\(agent.output)") {
            agent.output.contains("ignoring the saved pending alerts: the file cannot be read")
        }
        #expect(agent.output.contains(file.path))
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(agent.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: file.path), "nothing pending: no file is written")

        let stale = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-7200))
        try """
        {"version": 1, "saved_at": "\(stale)", "alerts": [{"source": "http", "rule": "DeviceUnreachable",
          "device": "crm-web", "labels": {"device": "crm-web"}, "active_since": "\(stale)",
          "severity": "critical", "summary": "", "description": ""}]}
        """.write(to: file, atomically: true, encoding: .utf8)
        try await agent.start()
        try await Ports.waitUntil(timeout: .seconds(10), "no notice:\n\(agent.output)") {
            agent.output.contains("ignoring the saved pending alerts: the agent was stopped too long")
        }
        #expect(!agent.output.contains("pending alerts taken over"))
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(agent.stop() == 0)

        // Written by a later version (a downgrade): said so, not mistaken for a long stop.
        let now = ISO8601DateFormatter().string(from: Date())
        try "{\"version\": 2, \"saved_at\": \"\(now)\", \"alerts\": []}".write(
            to: file, atomically: true, encoding: .utf8)
        try await agent.start()
        try await Ports.waitUntil(timeout: .seconds(10), "no warning:\n\(agent.output)") {
            agent.output.contains("ignoring the saved pending alerts: the file is of an unknown version")
        }
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(agent.stop() == 0)
    }
}
