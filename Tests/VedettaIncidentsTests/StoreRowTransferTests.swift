import Foundation
import Synchronization
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStorePostgres
import VedettaStoreSQLite
import VedettaStoreTestSupport

/// `vedetta store copy`'s two halves on real stores: every row one store exports, the other imports unchanged, in
/// both directions, and the copy goes on working as a store (new ids after the copied ones, report spans rebuilt).
@Suite("Store row transfer between SQLite and PostgreSQL")
struct StoreRowTransferTests {
    private let t0 = TestData.t0

    /// A log with every kind of incident row: open, acknowledged, restored, grouped escalations, deliveries,
    /// failures, an incident that opened in maintenance and paged later.
    private func populate(_ store: any IncidentStore) async throws {
        let first = try await store.open(
            TestData.draft(device: "pbx-1"), at: t0, notify: TestData.notify(.opened, "mail", "sms"),
            escalation: EscalationStart(policy: "noc", groupKey: "site=milano", groupWait: .seconds(30))
        ).incident.id
        _ = try await store.open(
            TestData.draft(device: "pbx-2"), at: t0 + 5, notify: TestData.notify(.opened, "mail"),
            escalation: EscalationStart(policy: "noc", groupKey: "site=milano", groupWait: .seconds(30)))
        _ = try await store.acknowledge(id: first, by: "giulia", at: t0 + 60)
        for entry in try await store.claimDue(by: "agent-a", at: t0 + 61, lease: .seconds(30), limit: 10) {
            if entry.channel == "sms" {
                try await store.markFailed(entry.id, by: "agent-a", at: t0 + 62, error: "503", retryAt: t0 + 90)
            } else {
                try await store.markDelivered(entry.id, by: "agent-a", at: t0 + 62)
            }
        }
        _ = try await store.restore(
            fingerprint: TestData.draft(device: "pbx-1").fingerprint, at: t0 + 300,
            notify: TestData.notify(.restored, "mail"))
        var muted = TestData.draft(rule: "LinkDown", device: "sw-9")
        muted.maintenanceWindowID = 7
        _ = try await store.open(muted, at: t0 + 400, notify: [], escalation: nil)
        _ = try await store.notifyOpenIncident(
            fingerprint: muted.fingerprint, at: t0 + 500, notify: TestData.notify(.opened, "mail"),
            detail: "maintenance ended", escalation: nil)
    }

    /// A span table's rows with their texts, by incident id: tables of two stores number their texts apart.
    private func resolved(_ table: IncidentSpanTable) -> [String] {
        table.rows.sorted { $0.id < $1.id }.map { row in
            let category = row.category.map { table.categories[Int($0)] } ?? "-"
            return "\(row.id) \(row.detectedAt) \(table.rules[Int(row.rule)]) \(table.labelSets[Int(row.labelSet)]) "
                + "\(row.severity) \(row.origin) \(String(describing: row.acknowledgedAt)) "
                + "\(String(describing: row.restoredAt)) \(String(describing: row.maintenanceWindowID)) "
                + "\(String(describing: row.pagedAfterMaintenanceAt)) \(category)"
        }
    }

    /// Every copied table of `store`, exported.
    private func rows(of store: any StoreRowTransfer) async throws -> [String: [[StoredValue]]] {
        let collected = Collected()
        try await store.exportRows(of: StoredTables.copied, batchSize: 2) { table, rows throws(StoreError) in
            collected.append(rows, to: table.name)
        }
        return collected.rows
    }

    private func copy(_ source: any StoreRowTransfer, into destination: any StoreRowTransfer) async throws {
        try await source.exportRows(of: StoredTables.copied, batchSize: 2) { table, rows throws(StoreError) in
            try await destination.importRows(rows, into: table)
        }
        try await destination.finishImport(of: StoredTables.copied)
    }

    @Test("SQLite → PostgreSQL → SQLite: every row arrives unchanged, in batches smaller than the tables")
    func roundTrip() async throws {
        let sqlite = try SQLiteIncidentStore.inMemory()
        try await populate(sqlite)
        let original = try await rows(of: sqlite)
        #expect((original["incident"]?.count ?? 0) == 3)
        #expect((original["outbox"]?.count ?? 0) >= 4)
        #expect(
            (original["escalation_member"]?.count ?? 0) == 2, "the group's first incident and the one that joined it")

        let postgres = try await TestPostgres.openFreshStore()
        try await copy(sqlite, into: postgres)
        #expect(try await rows(of: postgres) == original)

        let back = try SQLiteIncidentStore.inMemory()
        try await copy(postgres, into: back)
        #expect(try await rows(of: back) == original)
        #expect(try await postgres.rowCounts(of: StoredTables.copied) == sqlite.rowCounts(of: StoredTables.copied))
    }

    @Test("the copy is a working store: the same incidents and spans, and the next incident gets a new id")
    func copyWorks() async throws {
        let sqlite = try SQLiteIncidentStore.inMemory()
        try await populate(sqlite)
        let postgres = try await TestPostgres.openFreshStore()
        try await copy(sqlite, into: postgres)

        let query = IncidentQuery(state: .all, limit: 100)
        #expect(try await postgres.incidents(matching: query) == sqlite.incidents(matching: query))
        #expect(try await postgres.openIncidents() == sqlite.openIncidents())
        let spans = resolved(try await postgres.spans(activeFrom: t0 - 3600, to: t0 + 3600))
        #expect(spans.count == 3)
        #expect(spans == resolved(try await sqlite.spans(activeFrom: t0 - 3600, to: t0 + 3600)))
        #expect(try await postgres.dueNotifications(at: t0 + 100, limit: 10).map(\.channel) == ["sms"])

        let highest = try await sqlite.incidents(matching: query).map(\.id).max() ?? 0
        let next = try await postgres.open(
            TestData.draft(device: "cti-1"), at: t0 + 900, notify: TestData.notify(.opened, "mail"), escalation: nil)
        #expect(next.incident.id == highest + 1)
    }

    @Test("importing rows a store already holds fails, and the failed batch writes nothing")
    func importIntoAUsedStoreCollides() async throws {
        let sqlite = try SQLiteIncidentStore.inMemory()
        try await populate(sqlite)
        let postgres = try await TestPostgres.openFreshStore()
        try await copy(sqlite, into: postgres)
        let counts = try await postgres.rowCounts(of: StoredTables.copied)
        #expect(counts["incident"] == 3)
        await #expect(throws: StoreError.self) {
            try await copy(sqlite, into: postgres)
        }
        #expect(try await postgres.rowCounts(of: StoredTables.copied) == counts, "the failed batch wrote nothing")
    }
}

/// The rows an export handed over, by table.
private final class Collected: Sendable {
    private let byTable = Mutex<[String: [[StoredValue]]]>([:])

    func append(_ rows: [[StoredValue]], to table: String) {
        byTable.withLock { $0[table, default: []] += rows }
    }

    var rows: [String: [[StoredValue]]] { byTable.withLock { $0 } }
}
