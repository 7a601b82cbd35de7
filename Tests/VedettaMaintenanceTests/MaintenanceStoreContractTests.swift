import Foundation
import Testing
import VedettaCore
import VedettaMaintenance

@Suite("Maintenance store contract")
struct MaintenanceStoreContractTests {
    private let noon = MaintenanceFixtures.noon

    @Test(
        "a window is created, read back field by field, audited, and bumps the revision",
        arguments: MaintenanceStoreFixture.Backend.allCases)
    func createAndRead(_ backend: MaintenanceStoreFixture.Backend) async throws {
        let fixture = try await MaintenanceStoreFixture(backend)
        let store = fixture.store
        let before = try await store.maintenanceRevision()
        let definition = try MaintenanceFixtures.definition(
            match: "site=\"milano\", role=~\"switch|router\"", start: "2026-12-06T02:00", duration: "2h",
            rrule: "FREQ=WEEKLY;BYDAY=SU", exdates: ["2026-12-27T02:00"])
        let created = try await store.createMaintenanceWindow(MaintenanceFixtures.draft(definition), at: noon)
        #expect(created.definition == definition)
        #expect(created.createdBy == "alice" && created.createdAt == noon && created.origin == .runtime)
        #expect(try await store.maintenanceRevision() > before)
        #expect(try await store.maintenanceWindows() == [created])
        #expect(try await store.maintenanceWindow(id: created.id) == created)
        let audit = try await store.maintenanceAudit(windowID: created.id)
        #expect(audit.map(\.action) == [.created])
        #expect(audit[0].by == "alice")
        #expect(audit[0].detail.contains("repeat FREQ=WEEKLY;BYDAY=SU"))
        #expect(try await store.maintenanceWindow(id: 999) == nil)
    }

    @Test(
        "edits, adjustments and deletion are audited; a deleted window is kept but no longer listed",
        arguments: MaintenanceStoreFixture.Backend.allCases)
    func changes(_ backend: MaintenanceStoreFixture.Backend) async throws {
        let fixture = try await MaintenanceStoreFixture(backend)
        let store = fixture.store
        let window = try await store.createMaintenanceWindow(
            MaintenanceFixtures.draft(try MaintenanceFixtures.definition()), at: noon)
        let occurrenceStart = try #require(window.nextOccurrence(after: noon)).start
        let extended = try await store.adjustMaintenanceOccurrence(
            id: window.id, OccurrenceAdjustment(occurrenceStart: occurrenceStart, end: occurrenceStart + 3 * 3600),
            action: .extended, by: "bob", at: noon + 60, detail: "extended by 1h")
        #expect(extended.adjustments.count == 1)
        #expect(extended.nextOccurrence(after: noon)?.end == occurrenceStart + 3 * 3600)
        #expect(extended.updatedAt == noon + 60)

        let longer = try MaintenanceFixtures.definition(duration: "4h")
        let edited = try await store.updateMaintenanceWindow(
            id: window.id, to: longer, by: "carol", at: noon + 120, detail: "duration: 2h → 4h")
        #expect(edited.definition == longer)
        #expect(edited.adjustments.isEmpty, "a new schedule drops the adjustments of the old one")

        let deleted = try await store.deleteMaintenanceWindow(id: window.id, by: "dave", at: noon + 180)
        #expect(deleted.id == window.id)
        #expect(try await store.maintenanceWindows().isEmpty)
        #expect(try await store.maintenanceWindow(id: window.id)?.deletedAt == noon + 180)
        let again = await #expect(throws: StoreError.self) {
            try await store.deleteMaintenanceWindow(id: window.id, by: "dave", at: noon + 240)
        }
        #expect(again?.code == .notFound)
        let audit = try await store.maintenanceAudit(windowID: window.id)
        #expect(audit.map(\.action) == [.created, .extended, .edited, .deleted])
        #expect(audit.map(\.by) == ["alice", "bob", "carol", "dave"])
        #expect(audit[2].detail == "duration: 2h → 4h")
    }

    @Test(
        "windows from files follow the files by name: created, left alone, edited, deleted; run-time ones untouched",
        arguments: MaintenanceStoreFixture.Backend.allCases)
    func syncFromFiles(_ backend: MaintenanceStoreFixture.Backend) async throws {
        let fixture = try await MaintenanceStoreFixture(backend)
        let store = fixture.store
        let runtime = try await store.createMaintenanceWindow(
            MaintenanceFixtures.draft(try MaintenanceFixtures.definition()), at: noon)
        let backup = MaintenanceFixtures.draft(
            try MaintenanceFixtures.definition(
                match: "device=\"crm-db-01\"", start: "2026-12-07T01:00", duration: "90m",
                rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", reason: "nightly backup"),
            name: "crm-backup", file: "maintenance/crm.yaml")
        let patch = MaintenanceFixtures.draft(
            try MaintenanceFixtures.definition(
                match: "role=\"pbx\"", start: "2026-12-25T22:00", duration: "4h", rrule: "FREQ=MONTHLY;BYDAY=-1FR",
                reason: "PBX patch night"),
            name: "pbx-patch", file: "maintenance/pbx.yaml")

        #expect(try await store.syncConfiguredMaintenance([backup, patch], at: noon) == MaintenanceSync(created: 2))
        let first = try await store.maintenanceWindows()
        #expect(first.count == 3)
        let revision = try await store.maintenanceRevision()
        #expect(try await store.syncConfiguredMaintenance([backup, patch], at: noon + 1) == MaintenanceSync())
        #expect(try await store.maintenanceWindows() == first, "unchanged windows keep their numbers")
        #expect(try await store.maintenanceRevision() == revision)

        var longer = backup
        longer.definition = try MaintenanceFixtures.definition(
            match: "device=\"crm-db-01\"", start: "2026-12-07T01:00", duration: "2h",
            rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", reason: "nightly backup")
        #expect(
            try await store.syncConfiguredMaintenance([longer], at: noon + 2) == MaintenanceSync(edited: 1, deleted: 1))
        let last = try await store.maintenanceWindows()
        #expect(last.map(\.id) == [runtime.id, first[1].id])
        #expect(last[1].definition.schedule.duration == .seconds(7200))
        let pbxID = try #require(first.first { $0.name == "pbx-patch" }?.id)
        let audit = try await store.maintenanceAudit(windowID: pbxID)
        #expect(audit.map(\.action) == [.created, .deleted])
        #expect(audit.map(\.by) == ["maintenance/pbx.yaml", "maintenance/pbx.yaml"])
        #expect(try await store.maintenanceAudit(windowID: first[1].id).last?.detail == "duration: 1h30m → 2h")
    }

    @Test(
        "a second live window of a name is a conflict; once the first is deleted the name is free",
        arguments: MaintenanceStoreFixture.Backend.allCases)
    func uniqueNames(_ backend: MaintenanceStoreFixture.Backend) async throws {
        let fixture = try await MaintenanceStoreFixture(backend)
        let store = fixture.store
        let draft = MaintenanceFixtures.draft(
            try MaintenanceFixtures.definition(), name: "core-upgrade", file: "maintenance/core.yaml")
        let first = try await store.createMaintenanceWindow(draft, at: noon)
        let revision = try await store.maintenanceRevision()
        let taken = await #expect(throws: StoreError.self) { try await store.createMaintenanceWindow(draft, at: noon) }
        #expect(taken?.code == .conflict)
        #expect(try await store.maintenanceRevision() == revision, "the refused write left nothing behind")
        _ = try await store.deleteMaintenanceWindow(id: first.id, by: "alice", at: noon + 60)
        let second = try await store.createMaintenanceWindow(draft, at: noon + 120)
        #expect(second.id != first.id && second.name == "core-upgrade")
        #expect(try await store.maintenanceWindows().map(\.id) == [second.id])
    }

    @Test(
        "a window written by one process is read, with its revision, by another on the same database",
        arguments: MaintenanceStoreFixture.Backend.shared)
    func acrossProcesses(_ backend: MaintenanceStoreFixture.Backend) async throws {
        let fixture = try await MaintenanceStoreFixture(backend)
        let other = try await fixture.reopened()
        let seen = try await other.maintenanceRevision()
        let window = try await fixture.store.createMaintenanceWindow(
            MaintenanceFixtures.draft(try MaintenanceFixtures.definition(rrule: "FREQ=DAILY;COUNT=3")), at: noon)
        #expect(try await other.maintenanceRevision() > seen)
        #expect(try await other.maintenanceWindows() == [window])
    }
}
