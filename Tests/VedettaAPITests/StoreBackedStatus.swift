import Foundation
import VedettaAPI
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

/// The agent's status as the routes see it, backed by a real SQLite store.
struct StoreBackedStatus: AgentStatusSource {
    let store: SQLiteIncidentStore

    static let deviceSamples = [
        Sample(name: "up", labels: ["device": "sw1", "probe": "snmp"], value: 1, help: "Up."),
        Sample(name: "ifOperStatus", labels: ["device": "sw1", "ifIndex": "1", "probe": "snmp"], value: 1),
    ]

    var metricsShowAllSamples: Bool = false

    /// sw1's last half hour: `cpuBusy` from 10 % up by 10 each poll, and 1000 bytes a second in on port 1, polled
    /// every 5 minutes until a minute ago.
    static let recentHistory: RecentHistory = {
        let history = RecentHistory()
        let now = Date()
        for poll in 0..<7 {
            let at = now.addingTimeInterval(Double(poll - 6) * 300 - 60)
            history.record(
                device: DeviceID("sw1"), source: "snmp",
                samples: deviceSamples + [
                    Sample(name: "cpuBusy", labels: ["device": "sw1"], value: Double(10 + 10 * poll)),
                    Sample(
                        name: "ifHCInOctets", labels: ["device": "sw1", "ifIndex": "1", "ifAlias": "uplink <core>"],
                        value: Double(poll) * 300_000, kind: .counter),
                ],
                at: at)
        }
        return history
    }()

    func latestSamples(of device: String) async -> [Sample]? {
        device == "sw1"
            ? Self.deviceSamples + [
                Sample(name: "cpuBusy", labels: ["device": "sw1"], value: 70),
                Sample(
                    name: "ifHCInOctets", labels: ["device": "sw1", "ifIndex": "1", "ifAlias": "uplink <core>"],
                    value: 1_800_000, kind: .counter),
            ] : device == "sw2" ? [] : nil
    }
    func history(of device: String, matching: (SeriesKey) -> Bool) async -> [SeriesHistory]? {
        device == "sw1" || device == "sw2" ? Self.recentHistory.series(of: DeviceID(device), matching: matching) : nil
    }

    func deviceMetrics() async -> [MetricFamilies] {
        [MetricFamilies(rendering: Self.deviceSamples)]
    }
    func deviceMetrics(of device: String) async -> [MetricFamilies]? {
        device == "sw1" ? [MetricFamilies(rendering: Self.deviceSamples)] : device == "sw2" ? [] : nil
    }
    func summarySamples(includingUp: Bool) async -> [Sample] {
        includingUp ? Self.deviceSamples.filter { $0.name == "up" } : []
    }
    func discoveryTargets() async -> [DiscoveryTarget] {
        [DiscoveryTarget(device: "sw1", labels: ["site": "milano"]), DiscoveryTarget(device: "sw2", labels: [:])]
    }
    func selfMetricsText() async -> String { "" }
    func incidents(matching query: IncidentQuery) async throws(StoreError) -> [Incident] {
        try await store.incidents(matching: query)
    }
    func incident(id: Int64) async throws(StoreError) -> Incident? { try await store.incident(id: id) }
    func activeAlerts() async -> [ActiveAlert] { [] }
    func health() async -> HealthReport {
        let open = try? await store.openIncidents().count
        return HealthReport(
            status: open == nil ? "degraded" : "ok", uptimeSeconds: 1, devices: 1, rules: 1, openIncidents: open ?? 0,
            pendingNotifications: 0)
    }
}
