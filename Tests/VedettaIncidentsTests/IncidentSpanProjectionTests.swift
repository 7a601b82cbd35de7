import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

/// Reports read `incident_span`, a narrow copy of each incident kept by triggers. Whatever writes the log (the
/// agent's operations, people's records, `sqlite3` by hand) and however old the database (migrated from v4), the
/// spans read must be exactly those of the incidents themselves.
@Suite("SQLite incident spans follow the incident log")
struct IncidentSpanProjectionTests {
    private let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    /// The spans as the incidents themselves give them, oldest first (by detection, then id).
    private func expectedSpans(_ store: SQLiteIncidentStore) async throws -> [IncidentSpan] {
        let incidents = try await store.incidents(matching: IncidentQuery(state: .all, limit: 10_000))
        return incidents.map(IncidentSpan.init).sorted {
            $0.detectedAt != $1.detectedAt ? $0.detectedAt < $1.detectedAt : $0.id < $1.id
        }
    }

    private func spans(_ store: SQLiteIncidentStore) async throws -> [IncidentSpan] {
        Array(try await store.spans(activeFrom: t0 - 86_400 * 400, to: t0 + 86_400 * 400))
    }

    @Test("every write through the store, and by hand with sqlite3, is reflected in the spans")
    func followsWrites() async throws {
        let directory = TemporaryDirectory()
        let path = directory.path("vedetta.sqlite")
        let store = try SQLiteIncidentStore(path: path)
        var drafts: [IncidentDraft] = []
        for index in 0..<6 {
            var draft = IncidentDraft(
                rule: index % 2 == 0 ? "DeviceUnreachable" : "InterfaceDown",
                severity: index % 3 == 0 ? .warning : .critical,
                labels: ["device": "sw-\(index)", "site": "milano"], summary: "down")
            if index == 4 { draft.maintenanceWindowID = 9 }
            drafts.append(draft)
            _ = try await store.open(draft, at: t0 + Double(index) * 60, notify: [])
        }
        let opened = try await store.incidents(matching: IncidentQuery(state: .all))
        let byDevice = Dictionary(uniqueKeysWithValues: opened.map { ($0.labels["device"] ?? "", $0.id) })
        _ = try await store.acknowledge(id: try #require(byDevice["sw-1"]), by: "marco", at: t0 + 600)
        _ = try await store.annotate(id: try #require(byDevice["sw-1"]), .category("power"), by: "marco", at: t0 + 700)
        _ = try await store.annotate(
            id: try #require(byDevice["sw-2"]), .note("carrier called"), by: "giulia", at: t0 + 710)
        _ = try await store.notifyOpenIncident(
            fingerprint: drafts[4].fingerprint, at: t0 + 900,
            notify: OutboxDraft.fanOut(to: ["ops"], event: .opened), detail: "maintenance window ended")
        _ = try await store.restore(fingerprint: drafts[0].fingerprint, at: t0 + 1200, notify: [])
        _ = try await store.restore(fingerprint: drafts[4].fingerprint, at: t0 + 1300, notify: [])
        let manual = try await store.openManually(
            ManualIncidentDraft(summary: "site without power", labels: ["site": "roma"], openedBy: "giulia"),
            at: t0 - 3600)
        _ = try await store.restoreManually(id: manual.id, by: "giulia", at: t0 + 7200)
        #expect(try await spans(store) == (try await expectedSpans(store)))

        // By hand, as an administrator might: a severity, labels, a category and a deletion.
        let edit = try SQLiteCLI.run(
            path,
            """
            UPDATE incident SET severity = 'info' WHERE id = \(try #require(byDevice["sw-3"]));
            UPDATE incident SET labels = '{"device":"sw-5","site":"torino"}' WHERE id = \(try #require(byDevice["sw-5"]));
            UPDATE incident SET category = 'hardware' WHERE id = \(try #require(byDevice["sw-2"]));
            DELETE FROM incident_event WHERE incident_id = \(try #require(byDevice["sw-0"]));
            DELETE FROM incident WHERE id = \(try #require(byDevice["sw-0"]));
            """)
        #expect(edit.status == 0, "\(edit.error)")
        let after = try await spans(store)
        #expect(after == (try await expectedSpans(store)))
        #expect(after.count == 6)
        #expect(after.contains { $0.labels["site"] == "torino" && $0.severity == .critical })
        #expect(after.contains { $0.category == "hardware" })

        // The purge removes the spans of what it deletes.
        let purged = try await store.purge(restoredBefore: t0 + 86_400, batchSize: 2)
        #expect(purged == 2)
        #expect(try await spans(store) == (try await expectedSpans(store)))
    }

    @Test("a database from before the spans (v4) gets a span for every incident when opened")
    func migratesV4() async throws {
        let directory = TemporaryDirectory()
        let path = directory.path("vedetta.sqlite")
        do {
            let store = try SQLiteIncidentStore(path: path)
            var draft = IncidentDraft(
                rule: "UPSOnBattery", severity: .critical, labels: ["device": "ups-1", "site": "milano"],
                summary: "on battery")
            draft.maintenanceWindowID = 3
            _ = try await store.open(draft, at: t0, notify: [])
            _ = try await store.notifyOpenIncident(
                fingerprint: draft.fingerprint, at: t0 + 300,
                notify: OutboxDraft.fanOut(to: ["ops"], event: .opened), detail: "maintenance window ended")
            _ = try await store.restore(fingerprint: draft.fingerprint, at: t0 + 900, notify: [])
            _ = try await store.open(
                IncidentDraft(rule: "HighCPU", severity: .warning, labels: ["device": "srv-1"], summary: "busy"),
                at: t0 + 60, notify: [])
        }
        // Back to v4: the report tables, their triggers and the migration's record removed.
        let downgrade = try SQLiteCLI.run(
            path,
            """
            DROP TRIGGER incident_span_insert; DROP TRIGGER incident_span_update; DROP TRIGGER incident_span_delete;
            DROP TRIGGER incident_span_unmuted; DROP TABLE incident_span; DROP TABLE report_text;
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v5 %';
            UPDATE incident SET category = 'power' WHERE rule = 'UPSOnBattery';
            """)
        #expect(downgrade.status == 0, "\(downgrade.error)")

        let store = try SQLiteIncidentStore(path: path)
        let spans = try await spans(store)
        #expect(spans == (try await expectedSpans(store)))
        #expect(spans.count == 2)
        let ups = try #require(spans.first { $0.rule == "UPSOnBattery" })
        #expect(ups.pagedAfterMaintenanceAt == t0 + 300)
        #expect(ups.category == "power")
    }
}
