import Foundation
import Testing
import VedettaCore
import VedettaTestSupport

/// A temporary configuration that watches one simulated device every second and pages a webhook.
struct LabConfiguration {
    let directory: URL
    let configFile: URL
    let dataDirectory: URL

    /// Whether the CLI finds the store through the configuration (a PostgreSQL store) rather than `--data`.
    let storeInConfiguration: Bool

    /// - Parameter store: A `store:` section to write into the configuration (e.g. a PostgreSQL database); the
    ///   default SQLite file in the data directory when `nil`.
    init(simulator: SNMPSimFixture, webhookURL: String, store: String? = nil) throws {
        storeInConfiguration = store != nil
        directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-e2e")
        configFile = directory.appendingPathComponent("vedetta.yaml")
        dataDirectory = directory.appendingPathComponent("data")
        let alerts = directory.appendingPathComponent("alerts")
        try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
        let probes = RepositoryPaths.root.appendingPathComponent("probes").path
        try """
        agent:
          default_interval: 1s
          default_timeout: 800ms
        probes_dir: \(probes)
        alerts_dir: alerts
        devices:
          - name: sim-server
            labels: {site: test}
            snmp:
              address: 127.0.0.1:\(simulator.port)
              community: recorded/linux-full-walk
              retries: 0
              profiles: [system]
        notify:
          webhooks:
            - name: oncall
              url: \(webhookURL)
              timeout: 2s
        \(store ?? "")
        """.write(to: configFile, atomically: true, encoding: .utf8)
        try Self.writeUnreachableRule(into: alerts)
    }

    /// Writes `alerts/test.yaml`: `DeviceUnreachable` fires at once when a device does not answer SNMP.
    static func writeUnreachableRule(into alerts: URL) throws {
        try """
        rules:
          - alert: DeviceUnreachable
            expr: up{probe="snmp"} == 0
            for: 0s
            severity: critical
            summary: "{{ $labels.device }} does not answer SNMP"
        """.write(to: alerts.appendingPathComponent("test.yaml"), atomically: true, encoding: .utf8)
    }

    /// The incidents as `vedetta incidents list --json` prints them.
    func incidents(state: String) throws -> [ListedIncident] {
        let location = storeInConfiguration ? ["--config", configFile.path] : ["--data", dataDirectory.path]
        let result = try ToolRunner.vedetta(["incidents", "list"] + location + ["--state", state, "--json"])
        guard result.status == 0 else {
            throw FixtureError("vedetta incidents list failed: \(result.standardError)")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601Milliseconds
        return try decoder.decode([ListedIncident].self, from: Data(result.standardOutput.utf8))
    }
}

/// One incident of `vedetta incidents list --json`.
struct ListedIncident: Decodable, Equatable {
    var id: Int64
    var state: String
    var rule: String
    var device: String?
    var detectedAt: Date?
    var restoredAt: Date?
    var timeToRestoreSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case id, state, rule, device
        case detectedAt = "detected_at"
        case restoredAt = "restored_at"
        case timeToRestoreSeconds = "time_to_restore_seconds"
    }
}

/// The fields of a webhook document the tests check.
struct WebhookDocument {
    var event: String
    var notificationID: Int64
    var incidentID: Int64
    var rule: String
    var device: String?
    var subject: String

    init(_ request: RecordedRequest) throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any],
            "webhook body is not a JSON object: \(request.body)"
        )
        let incident = try #require(object["incident"] as? [String: Any])
        let labels = incident["labels"] as? [String: String] ?? [:]
        event = try #require(object["event"] as? String)
        notificationID = try #require((object["notification_id"] as? NSNumber)?.int64Value)
        incidentID = try #require((incident["id"] as? NSNumber)?.int64Value)
        rule = try #require(incident["rule"] as? String)
        device = labels["device"]
        subject = object["subject"] as? String ?? ""
    }
}

/// Waits (bounded) until the agent has run `count` more SNMP probes.
func waitForProbeRuns(_ agent: AgentProcess, atLeast count: Int) async throws {
    func totalRuns() throws -> Double { try agent.metric("vedetta_probe_runs_total", labels: ["kind": "snmp"]) }
    let start = try totalRuns()
    try await Ports.waitUntil(timeout: .seconds(60), "agent did not poll \(count) times:\n\(agent.output)") {
        ((try? totalRuns()) ?? start) >= start + Double(count)
    }
}
