import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

@Suite("SQLiteIncidentStore outbox")
struct SQLiteIncidentStoreOutboxTests {
    private let t0 = TestData.t0

    @Test("due entries, a failure with its retry time, then delivery", arguments: StoreBackend.allCases)
    func outbox_dueFailedDelivered(_ backend: StoreBackend) async throws {
        let fixture = try StoreFixture(backend)
        let store = fixture.store
        let draft = TestData.draft()
        let incident = try await store.open(draft, at: t0, notify: TestData.notify(.opened, "ops", "oncall")).incident

        #expect(try await store.dueNotifications(at: t0 - 1, limit: 10).isEmpty)
        let due = try await store.dueNotifications(at: t0, limit: 10)
        #expect(due.map(\.channel) == ["ops", "oncall"])
        let ops = try #require(due.first)
        #expect(ops.incidentID == incident.id)
        #expect(ops.event == .opened)
        #expect(ops.createdAt == t0)
        #expect(ops.nextAttemptAt == t0)
        #expect(ops.attempts == 0)
        #expect(ops.lastError == nil)
        #expect(!ops.isDelivered)
        #expect(try await store.dueNotifications(at: t0, limit: 1).map(\.id) == [ops.id])

        try await store.markFailed(ops.id, at: t0 + 1, error: "HTTP 503", retryAt: t0 + 60)
        #expect(try await store.dueNotifications(at: t0 + 30, limit: 10).map(\.channel) == ["oncall"])
        let retried = try #require(try await store.dueNotifications(at: t0 + 60, limit: 10).first { $0.id == ops.id })
        #expect(retried.attempts == 1)
        #expect(retried.lastError == "HTTP 503")
        #expect(retried.nextAttemptAt == t0 + 60)

        try await store.markFailed(ops.id, at: t0 + 61, error: "timeout", retryAt: t0 + 180)
        try await store.markDelivered(ops.id, at: t0 + 180)
        try await store.markDelivered(ops.id, at: t0 + 200)  // a repeat changes nothing
        try await store.markFailed(ops.id, at: t0 + 201, error: "late", retryAt: t0 + 300)  // neither does this

        #expect(try await store.dueNotifications(at: t0 + 10_000, limit: 10).map(\.channel) == ["oncall"])
        #expect(try await store.pendingNotificationCount() == 1)

        let timeline = try #require(try await store.incident(id: incident.id)).timeline
        #expect(
            timeline == [
                IncidentEvent(kind: .opened, at: t0, detail: "core-sw1 is unreachable"),
                IncidentEvent(kind: .notificationFailed, at: t0 + 1, detail: "ops (opened), attempt 1: HTTP 503"),
                IncidentEvent(kind: .notificationFailed, at: t0 + 61, detail: "ops (opened), attempt 2: timeout"),
                IncidentEvent(kind: .notified, at: t0 + 180, detail: "ops (opened)"),
            ]
        )
    }

    @Test(
        "due entries come oldest first across incidents; restore notifications follow opens",
        arguments: StoreBackend.allCases)
    func dueNotifications_oldestFirst(_ backend: StoreBackend) async throws {
        let fixture = try StoreFixture(backend)
        let store = fixture.store
        let a = TestData.draft(device: "a")
        let b = TestData.draft(device: "b")
        let idB = try await store.open(b, at: t0 + 10, notify: TestData.notify(.opened, "ops")).incident.id
        let idA = try await store.open(a, at: t0, notify: TestData.notify(.opened, "ops")).incident.id
        _ = try await store.restore(fingerprint: a.fingerprint, at: t0 + 20, notify: TestData.notify(.restored, "ops"))

        let due = try await store.dueNotifications(at: t0 + 20, limit: 10)
        #expect(due.map(\.incidentID) == [idA, idB, idA])
        #expect(due.map(\.event) == [.opened, .opened, .restored])
    }

    @Test(
        "an abandoned entry is never due again, no longer pending, and on the timeline",
        arguments: StoreBackend.allCases)
    func abandon_leavesOutboxAndRecords(_ backend: StoreBackend) async throws {
        let fixture = try StoreFixture(backend)
        let store = fixture.store
        let id = try await store.open(TestData.draft(), at: t0, notify: TestData.notify(.opened, "ops")).incident.id
        let entry = try #require(try await store.dueNotifications(at: t0, limit: 1).first)
        try await store.abandon(entry.id, at: t0 + 1, reason: "HTTP 400 from the receiver")
        #expect(try await store.dueNotifications(at: t0 + 100 * 365 * 86_400, limit: 10).isEmpty)
        #expect(try await store.pendingNotificationCount() == 0)
        let last = try #require(try await store.incident(id: id)?.timeline.last)
        #expect(last.kind == .notificationAbandoned)
        #expect(last.detail == "ops (opened): HTTP 400 from the receiver")
        // Later bookkeeping on an abandoned entry changes nothing.
        try await store.markFailed(entry.id, at: t0 + 2, error: "late", retryAt: t0 + 3)
        try await store.abandon(entry.id, at: t0 + 2, reason: "again")
        #expect(try await store.incident(id: id)?.timeline.count == 2)
        #expect(try await store.dueNotifications(at: t0 + 10, limit: 10).isEmpty)
    }

    @Test("timeline events are in time order", arguments: StoreBackend.allCases)
    func timeline_inOrder(_ backend: StoreBackend) async throws {
        let fixture = try StoreFixture(backend)
        let store = fixture.store
        let draft = TestData.draft()
        let id = try await store.open(draft, at: t0, notify: TestData.notify(.opened, "ops")).incident.id
        let entry = try #require(try await store.dueNotifications(at: t0, limit: 1).first)
        try await store.markFailed(entry.id, at: t0 + 2, error: "refused", retryAt: t0 + 10)
        _ = try await store.acknowledge(id: id, by: "alice", at: t0 + 5)
        try await store.markDelivered(entry.id, at: t0 + 10)
        let restored = try await store.restore(fingerprint: draft.fingerprint, at: t0 + 20, notify: [])

        #expect(restored?.timeline.map(\.kind) == [.opened, .notificationFailed, .acknowledged, .notified, .restored])
        #expect(restored?.timeline.map(\.at) == [t0, t0 + 2, t0 + 5, t0 + 10, t0 + 20])
    }
}
