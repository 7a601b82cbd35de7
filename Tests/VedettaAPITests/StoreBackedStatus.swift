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
