import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaReports
import VedettaStoreSQLite

/// The week of ``ReportFixture`` written into a real SQLite incident log the way the agent and people write it
/// (alerts opened, acknowledged and restored, one muted in a maintenance window that paged when it ended, a manual
/// incident for a whole site), read back as a report reads it: the same spans, so the same hand-computed figures.
@Suite("Reports from a seeded SQLite database")
struct ReportFromDatabaseTests {
    private typealias F = ReportFixture

    private func seed(_ store: SQLiteIncidentStore) async throws {
        for span in F.spans {
            if span.origin == .manual {
                let incident = try await store.openManually(
                    ManualIncidentDraft(
                        summary: "site down", severity: span.severity, labels: span.labels, openedBy: "giulia",
                        category: span.category),
                    at: span.detectedAt)
                if let restored = span.restoredAt {
                    _ = try await store.restoreManually(id: incident.id, by: "giulia", at: restored)
                }
                continue
            }
            var draft = IncidentDraft(rule: span.rule, severity: span.severity, labels: span.labels, summary: "down")
            draft.maintenanceWindowID = span.maintenanceWindowID
            let incident = try await store.open(draft, at: span.detectedAt, notify: []).incident
            if let paged = span.pagedAfterMaintenanceAt {
                _ = try await store.notifyOpenIncident(
                    fingerprint: draft.fingerprint, at: paged, notify: OutboxDraft.fanOut(to: ["ops"], event: .opened),
                    detail: "maintenance window ended")
            }
            if let acknowledged = span.acknowledgedAt {
                _ = try await store.acknowledge(id: incident.id, by: "marco", at: acknowledged)
            }
            if let restored = span.restoredAt {
                _ = try await store.restore(fingerprint: draft.fingerprint, at: restored, notify: [])
            }
        }
    }

    @Test("the spans read back equal what was written, and the report's figures are the hand-computed ones")
    func sameFigures() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vedetta-report-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteIncidentStore(path: directory.appendingPathComponent("vedetta.sqlite").path)
        try await seed(store)

        let request = F.request(.site)
        let spans = try await store.spans(activeFrom: request.previousFrom, to: request.to)
        #expect(spans.count == F.spans.count)
        func comparable(_ span: IncidentSpan) -> [String] {
            [
                span.rule, span.severity.rawValue, span.labels.description, span.origin.rawValue, span.category ?? "",
                "\(span.detectedAt)", "\(String(describing: span.acknowledgedAt))",
                "\(String(describing: span.restoredAt))", "\(String(describing: span.maintenanceWindowID))",
                "\(String(describing: span.pagedAfterMaintenanceAt))",
            ]
        }
        #expect(spans.map(comparable) == F.spans.sorted { $0.detectedAt < $1.detectedAt }.map(comparable))

        let fromDatabase = ReportBuilder(settings: F.settings()).build(request, spans: spans)
        let inMemory = ReportBuilder(settings: F.settings()).build(request, spans: IncidentSpanTable(F.spans))
        #expect(fromDatabase == inMemory)
        let milano = try #require(fromDatabase.groups.first { $0.key == "milano" })
        #expect(milano.downtimeSeconds == 9000)
        #expect(fromDatabase.total.downtimeSeconds == 109_800)
    }
}
