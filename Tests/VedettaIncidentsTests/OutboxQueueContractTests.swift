import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

@Suite("Incident store contract: outbox queue")
struct OutboxQueueContractTests {
    private let t0 = TestData.t0

    @Test("due entries, a failure with its retry time, then delivery", arguments: StoreBackend.allCases)
    func outbox_dueFailedDelivered(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
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

        try await store.markFailed(ops.id, by: TestData.owner, at: t0 + 1, error: "HTTP 503", retryAt: t0 + 60)
        #expect(try await store.dueNotifications(at: t0 + 30, limit: 10).map(\.channel) == ["oncall"])
        let retried = try #require(try await store.dueNotifications(at: t0 + 60, limit: 10).first { $0.id == ops.id })
        #expect(retried.attempts == 1)
        #expect(retried.lastError == "HTTP 503")
        #expect(retried.nextAttemptAt == t0 + 60)

        try await store.markFailed(ops.id, by: TestData.owner, at: t0 + 61, error: "timeout", retryAt: t0 + 180)
        try await store.markDelivered(ops.id, by: TestData.owner, at: t0 + 180)
        try await store.markDelivered(ops.id, by: TestData.owner, at: t0 + 200)  // a repeat changes nothing
        // Neither does a late failure.
        try await store.markFailed(ops.id, by: TestData.owner, at: t0 + 201, error: "late", retryAt: t0 + 300)

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
        "due entries come oldest first across incidents; a restore waits for its incident's open on that channel",
        arguments: StoreBackend.allCases)
    func dueNotifications_oldestFirstAndChained(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let a = TestData.draft(device: "a")
        let b = TestData.draft(device: "b")
        let idB = try await store.open(b, at: t0 + 10, notify: TestData.notify(.opened, "ops")).incident.id
        let idA = try await store.open(a, at: t0, notify: TestData.notify(.opened, "ops")).incident.id
        _ = try await store.restore(fingerprint: a.fingerprint, at: t0 + 20, notify: TestData.notify(.restored, "ops"))

        // A's restore is queued but not due: A's open on "ops" is not delivered yet.
        let due = try await store.dueNotifications(at: t0 + 20, limit: 10)
        #expect(due.map(\.incidentID) == [idA, idB])
        #expect(due.map(\.event) == [.opened, .opened])
        #expect(try await store.pendingNotificationCount() == 3)

        // The open fails and is retried later: the restore still waits behind it.
        try await store.markFailed(due[0].id, by: TestData.owner, at: t0 + 21, error: "HTTP 503", retryAt: t0 + 60)
        #expect(try await store.dueNotifications(at: t0 + 30, limit: 10).map(\.incidentID) == [idB])
        // Delivered: the restore is due next.
        try await store.markDelivered(due[0].id, by: TestData.owner, at: t0 + 60)
        let next = try await store.dueNotifications(at: t0 + 60, limit: 10)
        #expect(next.map(\.event) == [.opened, .restored])
        #expect(next.map(\.incidentID) == [idB, idA])
    }

    @Test("an abandoned entry lets the next of its chain go", arguments: StoreBackend.allCases)
    func abandon_releasesChain(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let draft = TestData.draft()
        _ = try await store.open(draft, at: t0, notify: TestData.notify(.opened, "ops"))
        _ = try await store.restore(
            fingerprint: draft.fingerprint, at: t0 + 5, notify: TestData.notify(.restored, "ops"))
        let opened = try #require(try await store.dueNotifications(at: t0 + 5, limit: 10).first)
        #expect(opened.event == .opened)
        try await store.abandon(opened.id, by: TestData.owner, at: t0 + 6, reason: "HTTP 400")
        #expect(try await store.dueNotifications(at: t0 + 6, limit: 10).map(\.event) == [.restored])
    }

    @Test(
        "a claim hands an entry to one dispatcher until its lease ends; only the holder settles it",
        arguments: StoreBackend.allCases)
    func claims_areExclusive(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        _ = try await store.open(TestData.draft(), at: t0, notify: TestData.notify(.opened, "ops", "oncall"))

        let first = try await store.claimDue(by: "a", at: t0, lease: .seconds(60), limit: 1)
        #expect(first.map(\.channel) == ["ops"])
        #expect(first.first?.claimedBy == "a")
        #expect(first.first?.claimExpiresAt == t0 + 60)
        let second = try await store.claimDue(by: "b", at: t0 + 1, lease: .seconds(60), limit: 10)
        #expect(second.map(\.channel) == ["oncall"], "b gets only what a did not claim")
        #expect(try await store.claimDue(by: "c", at: t0 + 2, lease: .seconds(60), limit: 10).isEmpty)
        #expect(try await store.claimDue(by: "a", at: t0 + 2, lease: .seconds(60), limit: 10).isEmpty)

        // A failure releases the claim: the entry is due again at its retry time, for anyone.
        let oncall = try #require(second.first)
        try await store.markFailed(oncall.id, by: "b", at: t0 + 5, error: "timeout", retryAt: t0 + 600)

        // a's lease runs out before it settles: c takes over, and a may no longer settle the entry.
        let ops = try #require(first.first)
        let takeover = try await store.claimDue(by: "c", at: t0 + 60, lease: .seconds(60), limit: 10)
        #expect(takeover.map(\.id) == [ops.id])
        let lost = await #expect(throws: StoreError.self) {
            try await store.markDelivered(ops.id, by: "a", at: t0 + 62)
        }
        #expect(lost?.code == .conflict)
        try await store.markDelivered(ops.id, by: "c", at: t0 + 63)
        let timeline = try #require(try await store.incident(id: ops.incidentID)).timeline
        #expect(timeline.filter { $0.kind == .notified }.count == 1)
        #expect(
            try await store.claimDue(by: "d", at: t0 + 600, lease: .seconds(60), limit: 10).map(\.id) == [oncall.id])
    }

    @Test(
        "two store instances on one file, claiming at once, never hand out the same entry",
        arguments: StoreBackend.shared)
    func claims_acrossConnections(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let other = try await fixture.secondInstance()
        for index in 0..<40 {
            _ = try await fixture.store.open(
                TestData.draft(device: "d\(index)"), at: t0, notify: TestData.notify(.opened, "ops"))
        }
        async let fromFirst = fixture.store.claimDue(by: "a", at: t0, lease: .seconds(60), limit: 25)
        async let fromSecond = other.claimDue(by: "b", at: t0, lease: .seconds(60), limit: 25)
        let (a, b) = try await (fromFirst, fromSecond)
        #expect(a.count + b.count == 40)
        #expect(Set(a.map(\.id)).isDisjoint(with: b.map(\.id)))
    }

    @Test(
        "a restoration reaches only the channels told of the opening; a late page is queued once",
        arguments: StoreBackend.allCases)
    func restore_followsOpening(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let muted = TestData.draft(device: "muted")
        _ = try await store.open(muted, at: t0, notify: [])
        try await store.recordMute(fingerprint: muted.fingerprint, at: t0, reason: "maintenance window 3")
        let restored = try #require(
            try await store.restore(
                fingerprint: muted.fingerprint, at: t0 + 5, notify: TestData.notify(.restored, "ops")))
        #expect(try await store.pendingNotificationCount() == 0)
        #expect(restored.timeline.map(\.kind) == [.opened, .muted, .restored])
        #expect(restored.timeline[1].detail == "maintenance window 3")

        // Paged late (its mute ended while it fired): the restoration then reaches that channel.
        let late = TestData.draft(device: "late")
        _ = try await store.open(late, at: t0, notify: [])
        let unmuted = try #require(
            try await store.notifyOpenIncident(
                fingerprint: late.fingerprint, at: t0 + 10, notify: TestData.notify(.opened, "ops"),
                detail: "maintenance window 3 ended"))
        #expect(
            unmuted.timeline.last == IncidentEvent(kind: .unmuted, at: t0 + 10, detail: "maintenance window 3 ended"))
        let again = try await store.notifyOpenIncident(
            fingerprint: late.fingerprint, at: t0 + 11, notify: TestData.notify(.opened, "ops"), detail: "again")
        #expect(again?.timeline.count == 2, "nothing queued twice, no second event")
        _ = try await store.restore(
            fingerprint: late.fingerprint, at: t0 + 20, notify: TestData.notify(.restored, "ops", "oncall"))
        #expect(try await store.pendingNotificationCount() == 2)  // opened and restored to ops; oncall never heard
        #expect(
            try await store.notifyOpenIncident(fingerprint: late.fingerprint, at: t0 + 30, notify: [], detail: "")
                == nil)
    }

    @Test(
        "an abandoned entry is never due again, no longer pending, and on the timeline",
        arguments: StoreBackend.allCases)
    func abandon_leavesOutboxAndRecords(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let id = try await store.open(TestData.draft(), at: t0, notify: TestData.notify(.opened, "ops")).incident.id
        let entry = try #require(try await store.dueNotifications(at: t0, limit: 1).first)
        try await store.abandon(entry.id, by: TestData.owner, at: t0 + 1, reason: "HTTP 400 from the receiver")
        #expect(try await store.dueNotifications(at: t0 + 100 * 365 * 86_400, limit: 10).isEmpty)
        #expect(try await store.pendingNotificationCount() == 0)
        let last = try #require(try await store.incident(id: id)?.timeline.last)
        #expect(last.kind == .notificationAbandoned)
        #expect(last.detail == "ops (opened): HTTP 400 from the receiver")
        // Later bookkeeping on an abandoned entry changes nothing.
        try await store.markFailed(entry.id, by: TestData.owner, at: t0 + 2, error: "late", retryAt: t0 + 3)
        try await store.abandon(entry.id, by: TestData.owner, at: t0 + 2, reason: "again")
        #expect(try await store.incident(id: id)?.timeline.count == 2)
        #expect(try await store.dueNotifications(at: t0 + 10, limit: 10).isEmpty)
    }

    @Test("timeline events are in time order", arguments: StoreBackend.allCases)
    func timeline_inOrder(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let draft = TestData.draft()
        let id = try await store.open(draft, at: t0, notify: TestData.notify(.opened, "ops")).incident.id
        let entry = try #require(try await store.dueNotifications(at: t0, limit: 1).first)
        try await store.markFailed(entry.id, by: TestData.owner, at: t0 + 2, error: "refused", retryAt: t0 + 10)
        _ = try await store.acknowledge(id: id, by: "alice", at: t0 + 5)
        try await store.markDelivered(entry.id, by: TestData.owner, at: t0 + 10)
        let restored = try await store.restore(fingerprint: draft.fingerprint, at: t0 + 20, notify: [])

        #expect(restored?.timeline.map(\.kind) == [.opened, .notificationFailed, .acknowledged, .notified, .restored])
        #expect(restored?.timeline.map(\.at) == [t0, t0 + 2, t0 + 5, t0 + 10, t0 + 20])
    }
}
