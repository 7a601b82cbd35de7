import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

@Suite("Incident store contract: records people write")
struct IncidentRecordsContractTests {
    private let t0 = TestData.t0

    @Test(
        "notes append, category, resolution and ticket replace; each is on the timeline with who and when",
        arguments: StoreBackend.allCases)
    func annotations(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let id = try await store.open(TestData.draft(), at: t0, notify: []).incident.id

        _ = try await store.annotate(id: id, .note("  carrier confirms the fault \n"), by: "giulia", at: t0 + 60)
        _ = try await store.annotate(id: id, .category("software"), by: "giulia", at: t0 + 70)
        _ = try await store.annotate(id: id, .category("carrier/line"), by: "marco", at: t0 + 80)
        _ = try await store.annotate(id: id, .ticket("TIM-2026-4411"), by: "marco", at: t0 + 90)
        let incident = try await store.annotate(
            id: id, .resolution("line reset by the carrier"), by: "marco", at: t0 + 95)

        #expect(incident.category == "carrier/line")
        #expect(incident.ticket == "TIM-2026-4411")
        #expect(incident.resolution == "line reset by the carrier")
        #expect(incident.origin == .alert)
        #expect(
            Array(incident.timeline.dropFirst()) == [
                IncidentEvent(kind: .note, at: t0 + 60, detail: "carrier confirms the fault", by: "giulia"),
                IncidentEvent(kind: .categorized, at: t0 + 70, detail: "software", by: "giulia"),
                IncidentEvent(kind: .categorized, at: t0 + 80, detail: "carrier/line", by: "marco"),
                IncidentEvent(kind: .ticketLinked, at: t0 + 90, detail: "TIM-2026-4411", by: "marco"),
                IncidentEvent(kind: .resolutionRecorded, at: t0 + 95, detail: "line reset by the carrier", by: "marco"),
            ])
        #expect(try await store.incident(id: id) == incident)
    }

    @Test(
        "an empty note, a nameless author, an unknown incident or one bad field of several is refused and writes nothing",
        arguments: StoreBackend.allCases)
    func annotations_refused(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let opened = try await store.open(TestData.draft(), at: t0, notify: []).incident

        let empty = await #expect(throws: StoreError.self) {
            try await store.annotate(id: opened.id, .note("   "), by: "giulia", at: t0 + 1)
        }
        #expect(empty?.code == .invalidInput)
        #expect(empty?.message.contains("note is empty") == true)
        let nameless = await #expect(throws: StoreError.self) {
            try await store.annotate(id: opened.id, .note("text"), by: " ", at: t0 + 1)
        }
        #expect(nameless?.code == .invalidInput)
        let unknown = await #expect(throws: StoreError.self) {
            try await store.annotate(id: opened.id + 100, .note("text"), by: "giulia", at: t0 + 1)
        }
        #expect(unknown?.code == .notFound)
        // Several at once are all or none: a category with a ticket too long for the log records neither.
        let tooLong = await #expect(throws: StoreError.self) {
            try await store.annotate(
                id: opened.id,
                [.category("power"), .ticket(String(repeating: "x", count: IncidentAnnotation.maximumLength + 1))],
                by: "giulia",
                at: t0 + 1)
        }
        #expect(tooLong?.code == .invalidInput)
        let nobodyAcknowledges = await #expect(throws: StoreError.self) {
            try await store.acknowledge(id: opened.id, by: "\n", at: t0 + 1)
        }
        #expect(nobodyAcknowledges?.code == .invalidInput)
        #expect(try await store.incident(id: opened.id) == opened)
    }

    @Test(
        "a manual incident is opened, acknowledged and restored by hand, and restarts never touch it",
        arguments: StoreBackend.allCases)
    func manualIncident(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let draft = ManualIncidentDraft(
            summary: "Milano: carrier line degraded", severity: .warning, labels: ["site": "milano"],
            openedBy: "giulia", category: "carrier/line", ticket: "TIM-1")
        let opened = try await store.openManually(draft, at: t0)
        #expect(opened.origin == .manual)
        #expect(opened.openedBy == "giulia")
        #expect(opened.rule == ManualIncidentDraft.ruleName)
        #expect(opened.device == nil)
        #expect(opened.labels == ["site": "milano"])
        #expect(opened.fingerprint.hasPrefix("manual:"))
        #expect(opened.timeline.map(\.kind) == [.opened, .categorized, .ticketLinked])
        #expect(opened.timeline.allSatisfy { $0.by == "giulia" })
        #expect(try await store.openIncidents().map(\.id) == [opened.id])
        // Nothing was paged.
        #expect(try await store.claimDue(by: TestData.owner, at: t0 + 10, lease: .seconds(60), limit: 10).isEmpty)

        _ = try await store.acknowledge(id: opened.id, by: "marco", at: t0 + 120)
        let restored = try await store.restoreManually(id: opened.id, by: "marco", at: t0 + 3600)
        #expect(restored.state == .restored)
        #expect(restored.timeToRestore == .seconds(3600))
        #expect(
            restored.timeline.last
                == IncidentEvent(kind: .restored, at: t0 + 3600, detail: "by hand after 1h", by: "marco"))

        let twice = await #expect(throws: StoreError.self) {
            try await store.restoreManually(id: opened.id, by: "marco", at: t0 + 3700)
        }
        #expect(twice?.code == .invalidTransition)
    }

    @Test("an alert's incident is not restored by hand", arguments: StoreBackend.allCases)
    func manualRestore_ofAlertIncident_isRefused(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let opened = try await store.open(TestData.draft(), at: t0, notify: []).incident
        let error = await #expect(throws: StoreError.self) {
            try await store.restoreManually(id: opened.id, by: "marco", at: t0 + 5)
        }
        #expect(error?.code == .invalidTransition)
        #expect(error?.message.contains("restored when the alert clears") == true)
        #expect(try await store.incident(id: opened.id) == opened)
    }

    @Test("a manual incident needs a summary and labels", arguments: StoreBackend.allCases)
    func manualIncident_refused(_ backend: StoreBackend) async throws {
        let store = try await StoreFixture(backend).store
        let noLabels = await #expect(throws: StoreError.self) {
            try await store.openManually(
                ManualIncidentDraft(summary: "down", labels: LabelSet(), openedBy: "g"), at: t0)
        }
        #expect(noLabels?.code == .invalidInput)
        let noSummary = await #expect(throws: StoreError.self) {
            try await store.openManually(
                ManualIncidentDraft(summary: " ", labels: ["site": "x"], openedBy: "g"), at: t0)
        }
        #expect(noSummary?.code == .invalidInput)
        #expect(try await store.openIncidents().isEmpty)
    }

    @Test(
        "purge deletes restored incidents older than the cutoff in batches, never open ones",
        arguments: StoreBackend.allCases)
    func purge(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        var old: [Int64] = []
        for index in 0..<5 {
            let draft = TestData.draft(device: "sw\(index)")
            old.append(try await store.open(draft, at: t0, notify: TestData.notify(.opened, "ops")).incident.id)
            _ = try await store.restore(fingerprint: draft.fingerprint, at: t0 + Double(10 + index), notify: [])
        }
        let recent = TestData.draft(device: "recent")
        let recentID = try await store.open(recent, at: t0 + 500, notify: []).incident.id
        _ = try await store.restore(fingerprint: recent.fingerprint, at: t0 + 600, notify: [])
        let stillOpen = try await store.open(TestData.draft(device: "open"), at: t0, notify: []).incident.id

        #expect(try await store.purge(restoredBefore: t0 + 100, batchSize: 2) == 2)
        #expect(try await store.incident(id: old[0]) == nil)
        #expect(try await store.incident(id: old[1]) == nil)
        #expect(try await store.incident(id: old[2]) != nil)
        #expect(try await store.purge(restoredBefore: t0 + 100, batchSize: 2) == 2)
        #expect(try await store.purge(restoredBefore: t0 + 100, batchSize: 2) == 1)
        #expect(try await store.purge(restoredBefore: t0 + 100, batchSize: 2) == 0)
        #expect(try await store.incident(id: recentID) != nil)
        #expect(try await store.incident(id: stillOpen) != nil)
        // Their notifications went with them.
        #expect(try await store.claimDue(by: TestData.owner, at: t0 + 700, lease: .seconds(60), limit: 10).isEmpty)
    }

    @Test("spans: the incidents active in the period, with what reports need", arguments: StoreBackend.allCases)
    func spans(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let before = TestData.draft(device: "before")
        _ = try await store.open(before, at: t0, notify: [])
        _ = try await store.restore(fingerprint: before.fingerprint, at: t0 + 50, notify: [])
        let across = TestData.draft(device: "across")
        let acrossID = try await store.open(across, at: t0 + 60, notify: []).incident.id
        _ = try await store.acknowledge(id: acrossID, by: "giulia", at: t0 + 90)
        _ = try await store.restore(fingerprint: across.fingerprint, at: t0 + 150, notify: [])
        _ = try await store.annotate(id: acrossID, .category("power"), by: "giulia", at: t0 + 160)
        var planned = TestData.draft(device: "planned")
        planned.maintenanceWindowID = 7
        let plannedID = try await store.open(planned, at: t0 + 110, notify: []).incident.id
        _ = try await store.notifyOpenIncident(
            fingerprint: planned.fingerprint, at: t0 + 130, notify: TestData.notify(.opened, "ops"),
            detail: "maintenance window 7 ended")
        let manual = try await store.openManually(
            ManualIncidentDraft(summary: "site down", labels: ["site": "roma"], openedBy: "marco"), at: t0 + 120)
        _ = try await store.open(TestData.draft(device: "after"), at: t0 + 200, notify: [])

        let spans = try await store.spans(activeFrom: t0 + 100, to: t0 + 200)
        #expect(spans.map(\.id) == [acrossID, plannedID, manual.id])
        let first = spans[0]
        #expect(first.device == "across")
        #expect(first.rule == "DeviceUnreachable")
        #expect(first.severity == .critical)
        #expect(first.category == "power")
        #expect(first.acknowledgedAt == t0 + 90)
        #expect(first.restoredAt == t0 + 150)
        #expect(first.pagedAfterMaintenanceAt == nil)
        #expect(spans[1].maintenanceWindowID == 7)
        #expect(spans[1].pagedAfterMaintenanceAt == t0 + 130)
        #expect(spans[2].origin == .manual)
        #expect(spans[2].labels == ["site": "roma"])
        #expect(spans[2].restoredAt == nil)
    }
}
