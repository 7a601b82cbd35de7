import Foundation
import VedettaAPI
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

/// The agent's status as the routes see it, backed by a real SQLite store.
struct StoreBackedStatus: AgentStatusSource {
    let store: SQLiteIncidentStore

    func latestSamples() async -> [Sample] {
        [Sample(name: "up", labels: ["device": "sw1", "probe": "snmp"], value: 1, help: "Up.")]
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
