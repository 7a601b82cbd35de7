import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

@Suite("Incident store contract: incident log")
struct IncidentLogContractTests {
    private let t0 = TestData.t0

    @Test("open then restore: timeline, state and time to restore", arguments: StoreBackend.allCases)
    func openThenRestore(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store: any IncidentStore = fixture.store
        let draft = TestData.draft()

        let opening = try await store.open(draft, at: t0, notify: TestData.notify(.opened, "ops", "oncall"))
        #expect(opening.isNew)
        let opened = opening.incident
        #expect(opened.state == .open)
        #expect(opened.fingerprint == draft.fingerprint)
        #expect(opened.rule == "DeviceUnreachable")
        #expect(opened.severity == .critical)
        #expect(opened.labels == ["device": "core-sw1", "job": "snmp"])
        #expect(opened.summary == "core-sw1 is unreachable")
        #expect(opened.description == "No SNMP answer from core-sw1.")
        #expect(opened.detectedAt == t0)
        #expect(opened.timeline == [IncidentEvent(kind: .opened, at: t0, detail: "core-sw1 is unreachable")])

        let restoredAt = t0 + 330.25
        let restored = try #require(
            try await store.restore(
                fingerprint: draft.fingerprint,
                at: restoredAt,
                notify: TestData.notify(.restored, "ops", "oncall")
            )
        )
        #expect(restored.id == opened.id)
        #expect(restored.state == .restored)
        #expect(restored.restoredAt == restoredAt)
        #expect(restored.timeToRestore == .milliseconds(330_250))
        #expect(restored.timeline.map(\.kind) == [.opened, .restored])
        #expect(restored.timeline.last?.detail == "after 5m30s")
        #expect(try await store.openIncidents().isEmpty)
        #expect(try await store.incident(id: opened.id) == restored)
        #expect(try await store.pendingNotificationCount() == 4)
    }

    @Test(
        "opening an open alert series twice writes one incident and one set of notifications",
        arguments: StoreBackend.allCases)
    func openTwice_isIdempotent(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let draft = TestData.draft()

        let first = try await store.open(draft, at: t0, notify: TestData.notify(.opened, "ops", "oncall"))
        let second = try await store.open(draft, at: t0 + 60, notify: TestData.notify(.opened, "ops", "oncall"))

        #expect(first.isNew)
        #expect(second == .alreadyOpen(first.incident))
        #expect(try await store.openIncidents().map(\.id) == [first.incident.id])
        #expect(try await store.pendingNotificationCount() == 2)
        let due = try await store.dueNotifications(at: t0 + 3600, limit: 100)
        #expect(due.map(\.channel) == ["ops", "oncall"])
        #expect(due.allSatisfy { $0.incidentID == first.incident.id && $0.event == .opened })
        #expect(try await store.incident(id: first.incident.id)?.timeline.count == 1)
    }

    @Test("a channel listed twice is notified once", arguments: StoreBackend.allCases)
    func open_duplicateChannel_queuedOnce(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        _ = try await fixture.store.open(TestData.draft(), at: t0, notify: TestData.notify(.opened, "ops", "ops"))
        #expect(try await fixture.store.pendingNotificationCount() == 1)
    }

    @Test("after a restore the same alert series opens a new incident", arguments: StoreBackend.allCases)
    func reopenAfterRestore_createsNewIncident(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let draft = TestData.draft()
        let first = try await store.open(draft, at: t0, notify: [])
        _ = try await store.restore(fingerprint: draft.fingerprint, at: t0 + 60, notify: [])
        let second = try await store.open(draft, at: t0 + 120, notify: [])
        #expect(second.isNew)
        #expect(second.incident.id > first.incident.id)
        #expect(try await store.openIncidents().map(\.id) == [second.incident.id])
    }

    @Test("restoring without an open incident returns nil and writes nothing", arguments: StoreBackend.allCases)
    func restoreWithoutOpen_returnsNil(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let notify = TestData.notify(.restored, "ops")
        #expect(try await store.restore(fingerprint: "0000000000000000", at: t0, notify: notify) == nil)
        #expect(try await store.pendingNotificationCount() == 0)

        let draft = TestData.draft()
        _ = try await store.open(draft, at: t0, notify: TestData.notify(.opened, "ops"))
        #expect(try await store.restore(fingerprint: draft.fingerprint, at: t0 + 10, notify: notify) != nil)
        #expect(try await store.restore(fingerprint: draft.fingerprint, at: t0 + 20, notify: notify) == nil)
        #expect(try await store.pendingNotificationCount() == 2)  // opened and one restored
        #expect(try await store.incidents(matching: IncidentQuery()).first?.restoredAt == t0 + 10)
    }

    @Test("a restore time before the detection is raised to the detection", arguments: StoreBackend.allCases)
    func restoreBeforeDetection_isClamped(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let draft = TestData.draft()
        _ = try await fixture.store.open(draft, at: t0, notify: [])
        let restored = try await fixture.store.restore(fingerprint: draft.fingerprint, at: t0 - 5, notify: [])
        #expect(restored?.restoredAt == t0)
        #expect(restored?.timeToRestore == .zero)
    }

    @Test("times are kept to the millisecond", arguments: StoreBackend.allCases)
    func times_millisecondPrecision(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let opening = try await fixture.store.open(TestData.draft(), at: t0 + 0.123_456, notify: [])
        let expected = Date(timeIntervalSince1970: 1_700_000_000.123)
        #expect(opening.incident.detectedAt == expected)
        let reread = try await fixture.store.incident(id: opening.incident.id)
        #expect(reread?.detectedAt == expected)
        let restored = try await fixture.store.restore(
            fingerprint: opening.incident.fingerprint,
            at: t0 + 2.000_4,
            notify: []
        )
        #expect(restored?.timeToRestore == .milliseconds(1877))
    }

    @Test("unknown incidents and outbox entries", arguments: StoreBackend.allCases)
    func unknownIdentifiers(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        #expect(try await store.incident(id: 42) == nil)
        let acknowledgeError = await #expect(throws: StoreError.self) {
            try await store.acknowledge(id: 42, by: "alice", at: t0)
        }
        #expect(acknowledgeError?.code == .notFound)
        #expect(acknowledgeError?.operation == "acknowledge incident")
        let deliveredError = await #expect(throws: StoreError.self) {
            try await store.markDelivered(7, by: TestData.owner, at: t0)
        }
        #expect(deliveredError?.code == .notFound)
        let failedError = await #expect(throws: StoreError.self) {
            try await store.markFailed(7, by: TestData.owner, at: t0, error: "x", retryAt: t0)
        }
        #expect(failedError?.code == .notFound)
        #expect(failedError?.description.contains(fixture.databaseName) == true)
    }
}
