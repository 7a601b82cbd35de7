import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

@Suite("Incident store contract: escalations")
struct EscalationLogContractTests {
    private let t0 = TestData.t0

    private func page(_ channel: String, _ person: String?, step: Int) -> OutboxDraft {
        OutboxDraft(channel: channel, event: .opened, recipient: person, step: step)
    }

    @Test(
        "an escalation starts with its incident, due at once, and each step is taken once",
        arguments: StoreBackend.allCases)
    func steps(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let id = try await store.open(TestData.draft(), at: t0, notify: [], escalation: "noc").incident.id

        let due = try await store.dueEscalations(at: t0, limit: 10)
        #expect(due == [EscalationState(incidentID: id, policy: "noc", nextStep: 0, nextAt: t0, startedAt: t0)])
        #expect(try await store.nextEscalationDue() == t0)

        let taken = try await store.advanceEscalation(
            incident: id, from: 0, pages: [page("mail", "marco", step: 1)], remindEveryonePaged: false,
            detail: "level 1: marco via mail",
            nextAt: t0 + 600, stopReason: nil, at: t0 + 1)
        #expect(taken)
        // The same step again (a second agent that read the same due escalation) writes nothing.
        let again = try await store.advanceEscalation(
            incident: id, from: 0, pages: [page("mail", "marco", step: 1)], remindEveryonePaged: false,
            detail: "level 1: marco via mail",
            nextAt: t0 + 600, stopReason: nil, at: t0 + 2)
        #expect(!again)
        #expect(try await store.dueEscalations(at: t0 + 599, limit: 10).isEmpty)
        #expect(try await store.dueEscalations(at: t0 + 600, limit: 10).map(\.nextStep) == [1])

        let pending = try await store.dueNotifications(at: t0 + 2, limit: 10)
        #expect(pending.map(\.recipient) == ["marco"])
        #expect(pending.map(\.step) == [1])
        let incident = try #require(try await store.incident(id: id))
        #expect(incident.timeline.map(\.kind) == [.opened, .escalated])
        #expect(incident.timeline.last?.detail == "level 1: marco via mail")

        // The last step stops it, with the reason on the timeline.
        let last = try await store.advanceEscalation(
            incident: id, from: 1, pages: [], remindEveryonePaged: false, detail: "", nextAt: nil,
            stopReason: "every step ran", at: t0 + 600)
        #expect(last)
        let stopped = try #require(try await store.escalation(incident: id))
        #expect(!stopped.isRunning)
        #expect(stopped.stopReason == "every step ran")
        #expect(try await store.nextEscalationDue() == nil)
        #expect(try #require(try await store.incident(id: id)).timeline.last?.kind == .escalationStopped)
    }

    @Test(
        "acknowledging stops the escalation and withdraws the pages no channel took; nobody is paged after it",
        arguments: StoreBackend.allCases)
    func acknowledgementStops(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let id = try await store.open(TestData.draft(), at: t0, notify: [], escalation: "noc").incident.id
        _ = try await store.advanceEscalation(
            incident: id, from: 0, pages: [page("mail", "marco", step: 1), page("sms", "marco", step: 1)],
            remindEveryonePaged: false,
            detail: "level 1", nextAt: t0 + 60, stopReason: nil, at: t0)
        // The e-mail is being delivered (claimed); the SMS waits.
        let claimed = try await store.claimDue(by: TestData.owner, at: t0, lease: .seconds(60), limit: 1)
        #expect(claimed.map(\.channel) == ["mail"])

        _ = try await store.acknowledge(id: id, by: "marco", at: t0 + 5)
        #expect(try await store.dueEscalations(at: t0 + 3600, limit: 10).isEmpty)
        #expect(try #require(try await store.escalation(incident: id)).stopReason == "acknowledged by marco")
        // Both pages are withdrawn; the e-mail in flight may still arrive, and its dispatcher records that it did.
        #expect(try await store.pendingNotificationCount() == 0)
        #expect(try await store.dueNotifications(at: t0 + 30, limit: 10).isEmpty)
        try await store.markDelivered(claimed[0].id, by: TestData.owner, at: t0 + 6)
        #expect(try #require(try await store.incident(id: id)).timeline.contains { $0.kind == .notified })
        // A step taken late (read before the acknowledgement) is refused.
        let late = try await store.advanceEscalation(
            incident: id, from: 1, pages: [page("sms", "paolo", step: 2)], remindEveryonePaged: false,
            detail: "level 2", nextAt: t0 + 120,
            stopReason: nil, at: t0 + 61)
        #expect(!late)
        #expect(try await store.pendingNotificationCount() == 0)

        // The restoration tells marco through the channel that reached him, not through the withdrawn SMS.
        _ = try await store.restore(fingerprint: TestData.draft().fingerprint, at: t0 + 100, notify: [])
        let resolved = try await store.dueNotifications(at: t0 + 100, limit: 10)
        #expect(resolved.map { "\($0.channel) \($0.recipient ?? "-") \($0.event)" } == ["mail marco restored"])
    }

    @Test(
        "a page whose agent died while delivering it is not sent again after the acknowledgement, but its person hears of the restoration",
        arguments: StoreBackend.allCases)
    func interruptedDeliveryStillGetsTheRestoration(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let draft = TestData.draft()
        let id = try await store.open(draft, at: t0, notify: [], escalation: "noc").incident.id
        _ = try await store.advanceEscalation(
            incident: id, from: 0, pages: [page("mail", "marco", step: 1), page("sms", "marco", step: 1)],
            remindEveryonePaged: false, detail: "level 1", nextAt: t0 + 60, stopReason: nil, at: t0)
        // The agent claims the e-mail, hands it to the mail server and is killed before recording the delivery.
        let claimed = try await store.claimDue(by: "dead-agent", at: t0, lease: .seconds(30), limit: 1)
        #expect(claimed.map(\.channel) == ["mail"])

        // After the claim ran out, marco acknowledges (he read the e-mail) before any agent took it again.
        _ = try await store.acknowledge(id: id, by: "marco", at: t0 + 40)
        #expect(try await store.pendingNotificationCount() == 0)
        #expect(try await store.claimDue(by: TestData.owner, at: t0 + 41, lease: .seconds(30), limit: 10).isEmpty)

        // The restoration goes to marco by e-mail (the page that may have arrived), not by the SMS nobody sent.
        _ = try await store.restore(fingerprint: draft.fingerprint, at: t0 + 100, notify: [])
        let resolved = try await store.dueNotifications(at: t0 + 100, limit: 10)
        #expect(resolved.map { "\($0.channel) \($0.recipient ?? "-") \($0.event)" } == ["mail marco restored"])
    }

    @Test(
        "a page claimed by an agent that died is withdrawn at the acknowledgement: never sent again, and the restoration is not held behind it",
        arguments: StoreBackend.allCases)
    func deadAgentsPageAtAcknowledgement(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let draft = TestData.draft()
        let id = try await store.open(draft, at: t0, notify: [], escalation: "noc").incident.id
        _ = try await store.advanceEscalation(
            incident: id, from: 0, pages: [page("mail", "marco", step: 1)], remindEveryonePaged: false,
            detail: "level 1", nextAt: t0 + 60, stopReason: nil, at: t0)
        // The agent claims the e-mail for 300 s, hands it to the mail server and is killed; a new agent starts.
        _ = try await store.claimDue(by: "dead-agent", at: t0, lease: .seconds(300), limit: 1)
        _ = try await store.acknowledge(id: id, by: "marco", at: t0 + 20)
        _ = try await store.restore(fingerprint: draft.fingerprint, at: t0 + 40, notify: [])
        let resolved = try await store.claimDue(by: TestData.owner, at: t0 + 41, lease: .seconds(300), limit: 10)
        #expect(resolved.map { "\($0.channel) \($0.recipient ?? "-") \($0.event)" } == ["mail marco restored"])
        try await store.markDelivered(resolved[0].id, by: TestData.owner, at: t0 + 42)
        // Long after the dead agent's claim ran out, its page is not sent again.
        #expect(try await store.claimDue(by: TestData.owner, at: t0 + 3600, lease: .seconds(300), limit: 10).isEmpty)
    }

    @Test(
        "a restoration stops the escalation and tells everyone paged, once per channel and person, besides the routes",
        arguments: StoreBackend.allCases)
    func restorationTellsEveryone(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let draft = TestData.draft()
        let id = try await store.open(draft, at: t0, notify: TestData.notify(.opened, "chat"), escalation: "noc")
            .incident.id
        _ = try await store.advanceEscalation(
            incident: id, from: 0, pages: [page("mail", "marco", step: 1), page("chat", nil, step: 1)],
            remindEveryonePaged: false,
            detail: "level 1", nextAt: t0 + 60, stopReason: nil, at: t0)
        _ = try await store.advanceEscalation(
            incident: id, from: 1, pages: [page("sms", "paolo", step: 2)], remindEveryonePaged: false,
            detail: "level 2", nextAt: t0 + 120,
            stopReason: nil, at: t0 + 60)
        // Round two pages marco again: a new page, not a duplicate.
        _ = try await store.advanceEscalation(
            incident: id, from: 2, pages: [page("mail", "marco", step: 3)], remindEveryonePaged: false,
            detail: "level 1, round 2",
            nextAt: t0 + 180, stopReason: nil, at: t0 + 120)
        let pages = try await store.dueNotifications(at: t0 + 120, limit: 20)
        #expect(pages.count == 3)  // chat (route), mail marco step 1, sms paolo; round two waits behind step 1
        for entry in try await store.claimDue(by: TestData.owner, at: t0 + 120, lease: .seconds(60), limit: 20) {
            try await store.markDelivered(entry.id, by: TestData.owner, at: t0 + 121)
        }

        let restored = try #require(
            try await store.restore(
                fingerprint: draft.fingerprint, at: t0 + 200, notify: TestData.notify(.restored, "chat")))
        #expect(restored.timeline.contains { $0.kind == .escalationStopped && $0.detail == "restored" })
        #expect(try await store.dueEscalations(at: t0 + 3600, limit: 10).isEmpty)
        var told: [String] = []
        while true {
            let batch = try await store.claimDue(by: TestData.owner, at: t0 + 201, lease: .seconds(60), limit: 20)
            if batch.isEmpty { break }
            for entry in batch {
                if entry.event == .restored { told.append("\(entry.channel) \(entry.recipient ?? "-")") }
                try await store.markDelivered(entry.id, by: TestData.owner, at: t0 + 202)
            }
        }
        #expect(told.sorted() == ["chat -", "mail marco", "sms paolo"])
    }

    @Test("an incident that opens muted starts its escalation when it pages late", arguments: StoreBackend.allCases)
    func lateStart(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let draft = TestData.draft()
        let id = try await store.open(draft, at: t0, notify: []).incident.id
        #expect(try await store.escalation(incident: id) == nil)
        _ = try await store.notifyOpenIncident(
            fingerprint: draft.fingerprint, at: t0 + 300, notify: [], detail: "maintenance ended", escalation: "noc")
        #expect(try await store.dueEscalations(at: t0 + 300, limit: 10).map(\.incidentID) == [id])
        let incident = try #require(try await store.incident(id: id))
        #expect(incident.timeline.last?.kind == .unmuted)
        // A second late page does not restart it.
        _ = try await store.advanceEscalation(
            incident: id, from: 0, pages: [], remindEveryonePaged: false, detail: "level 1", nextAt: t0 + 900,
            stopReason: nil, at: t0 + 300)
        _ = try await store.notifyOpenIncident(
            fingerprint: draft.fingerprint, at: t0 + 400, notify: [], detail: "again", escalation: "noc")
        #expect(try #require(try await store.escalation(incident: id)).nextStep == 1)
    }

    @Test("two agents on one database: of two that take the same step, one writes it", arguments: StoreBackend.shared)
    func twoAgents(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let first = fixture.store
        let second = try await fixture.secondInstance()
        let id = try await first.open(TestData.draft(), at: t0, notify: [], escalation: "noc").incident.id
        async let a = first.advanceEscalation(
            incident: id, from: 0, pages: [page("mail", "marco", step: 1)], remindEveryonePaged: false, detail: "a",
            nextAt: t0 + 60,
            stopReason: nil, at: t0)
        async let b = second.advanceEscalation(
            incident: id, from: 0, pages: [page("mail", "marco", step: 1)], remindEveryonePaged: false, detail: "b",
            nextAt: t0 + 60,
            stopReason: nil, at: t0)
        let results = try await [a, b]
        #expect(results.filter { $0 }.count == 1)
        #expect(try await first.pendingNotificationCount() == 1)
        #expect(try #require(try await first.incident(id: id)).timeline.filter { $0.kind == .escalated }.count == 1)
    }

    @Test(
        "a page that fails its fallback's count of times is queued through the fallback channel, once; a page given up at once too",
        arguments: StoreBackend.allCases)
    func fallback(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let id = try await store.open(TestData.draft(), at: t0, notify: [], escalation: "noc").incident.id
        let fallback = OutboxFallback(channel: "sms", afterFailures: 2)
        _ = try await store.advanceEscalation(
            incident: id, from: 0,
            pages: [
                OutboxDraft(channel: "mail", event: .opened, recipient: "marco", step: 1, fallback: fallback),
                OutboxDraft(channel: "mail", event: .opened, recipient: "anna", step: 1, fallback: fallback),
            ],
            remindEveryonePaged: false, detail: "level 1", nextAt: t0 + 600, stopReason: nil, at: t0)
        let owner = TestData.owner
        func claim(_ at: Date) async throws -> [OutboxEntry] {
            try await store.claimDue(by: owner, at: at, lease: .seconds(30), limit: 10)
        }
        // marco's e-mail fails once: no fallback yet; anna's is given up (no address): her SMS goes at once.
        var claimed = try await claim(t0)
        let marco = try #require(claimed.first { $0.recipient == "marco" })
        let anna = try #require(claimed.first { $0.recipient == "anna" })
        try await store.markFailed(marco.id, by: owner, at: t0 + 1, error: "timeout", retryAt: t0 + 2)
        try await store.abandon(anna.id, by: owner, at: t0 + 1, reason: "anna has no email")
        claimed = try await claim(t0 + 1)
        #expect(claimed.map { "\($0.channel) \($0.recipient ?? "-") \($0.step)" } == ["sms anna 1"])
        // The second failure queues marco's SMS; a third failure does not queue another.
        claimed = try await claim(t0 + 2)
        try await store.markFailed(
            try #require(claimed.first { $0.channel == "mail" }).id, by: owner, at: t0 + 3, error: "timeout",
            retryAt: t0 + 4)
        claimed = try await claim(t0 + 4)
        #expect(Set(claimed.map { "\($0.channel) \($0.recipient ?? "-")" }) == ["mail marco", "sms marco"])
        try await store.markFailed(
            try #require(claimed.first { $0.channel == "mail" }).id, by: owner, at: t0 + 5, error: "timeout",
            retryAt: t0 + 6)
        let incident = try #require(try await store.incident(id: id))
        #expect(
            incident.timeline.filter { $0.kind == .notificationFallback }.map(\.detail) == [
                "mail (opened) anna was given up; paging through sms",
                "mail (opened) marco failed 2 time(s); paging through sms",
            ])
        // Both SMS reached them: the restoration goes by e-mail and by SMS to each.
        #expect(try await store.pendingNotificationCount() == 3)
    }

    @Test(
        "reminders go to everyone paged, through each channel; an acknowledgement withdraws those not yet taken",
        arguments: StoreBackend.allCases)
    func reminders(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let id = try await store.open(TestData.draft(), at: t0, notify: [], escalation: "noc").incident.id
        _ = try await store.advanceEscalation(
            incident: id, from: 0, pages: [page("mail", "marco", step: 1), page("sms", "paolo", step: 1)],
            remindEveryonePaged: false, detail: "level 1", nextAt: t0 + 60, stopReason: nil, at: t0)
        for entry in try await store.claimDue(by: TestData.owner, at: t0, lease: .seconds(30), limit: 10) {
            try await store.markDelivered(entry.id, by: TestData.owner, at: t0 + 1)
        }
        _ = try await store.advanceEscalation(
            incident: id, from: 1, pages: [], remindEveryonePaged: true, detail: "reminder", nextAt: t0 + 1860,
            stopReason: nil, at: t0 + 60)
        let due = try await store.dueNotifications(at: t0 + 60, limit: 10)
        #expect(
            Set(due.map { "\($0.channel) \($0.recipient ?? "-") \($0.event) \($0.step)" }) == [
                "mail marco reminder 2", "sms paolo reminder 2",
            ])
        _ = try await store.acknowledge(id: id, by: "paolo", at: t0 + 61)
        #expect(try await store.pendingNotificationCount() == 0)
    }

    @Test("a step outside business hours is postponed, said once on the timeline", arguments: StoreBackend.allCases)
    func postpone(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let id = try await store.open(TestData.draft(), at: t0, notify: [], escalation: "office").incident.id
        #expect(try await store.postponeEscalation(incident: id, from: 0, until: t0 + 3600, detail: "waits", at: t0))
        #expect(
            try await store.postponeEscalation(incident: id, from: 0, until: t0 + 3600, detail: "waits", at: t0 + 5))
        #expect(!(try await store.postponeEscalation(incident: id, from: 1, until: t0 + 7200, detail: "x", at: t0 + 5)))
        #expect(try await store.dueEscalations(at: t0 + 3599, limit: 10).isEmpty)
        #expect(try await store.dueEscalations(at: t0 + 3600, limit: 10).map(\.nextStep) == [0])
        let incident = try #require(try await store.incident(id: id))
        #expect(incident.timeline.filter { $0.kind == .escalationPostponed }.count == 1)
    }

    @Test(
        "incidents of one group page as one: they join the first, get one update, and resolve together",
        arguments: StoreBackend.allCases)
    func grouping(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let start = EscalationStart(policy: "noc", groupKey: "noc|device=sw-12", groupWait: .seconds(30))
        func interface(_ name: String) -> IncidentDraft {
            IncidentDraft(
                rule: "InterfaceDown", severity: .critical, labels: ["device": "sw-12", "ifName": name],
                summary: "sw-12 \(name) is down", description: "")
        }
        let first = try await store.open(interface("Gi0/1"), at: t0, notify: [], escalation: start).incident.id
        // The first step waits for the group.
        #expect(try await store.dueEscalations(at: t0 + 29, limit: 10).isEmpty)
        let secondID = try await store.open(interface("Gi0/2"), at: t0 + 5, notify: [], escalation: start).incident.id
        #expect(try await store.dueEscalations(at: t0 + 30, limit: 10).map(\.incidentID) == [first])
        #expect(try await store.escalation(incident: secondID) == nil)
        #expect(try await store.escalationGroup(of: first).map(\.id) == [first, secondID])

        _ = try await store.advanceEscalation(
            incident: first, from: 0, pages: [page("mail", "marco", step: 1)], remindEveryonePaged: false,
            detail: "level 1", nextAt: t0 + 630, stopReason: nil, at: t0 + 30)
        for entry in try await store.claimDue(by: TestData.owner, at: t0 + 30, lease: .seconds(30), limit: 10) {
            try await store.markDelivered(entry.id, by: TestData.owner, at: t0 + 31)
        }
        // A third alert after the page: one update to marco; a fourth in the same five minutes adds none.
        _ = try await store.open(interface("Gi0/3"), at: t0 + 40, notify: [], escalation: start)
        _ = try await store.open(interface("Gi0/4"), at: t0 + 41, notify: [], escalation: start)
        let updates = try await store.dueNotifications(at: t0 + 41, limit: 10)
        #expect(
            updates.map { "\($0.incidentID) \($0.channel) \($0.recipient ?? "-") \($0.event)" } == [
                "\(first) mail marco grouped"
            ])
        for entry in try await store.claimDue(by: TestData.owner, at: t0 + 41, lease: .seconds(30), limit: 10) {
            try await store.markDelivered(entry.id, by: TestData.owner, at: t0 + 42)
        }

        // The first incident restores, the others still fire: the escalation goes on, nobody hears "resolved".
        _ = try await store.restore(fingerprint: interface("Gi0/1").fingerprint, at: t0 + 100, notify: [])
        #expect(try await store.pendingNotificationCount() == 0)
        #expect(try await store.dueEscalations(at: t0 + 630, limit: 10).map(\.incidentID) == [first])
        for name in ["Gi0/2", "Gi0/3", "Gi0/4"] {
            _ = try await store.restore(fingerprint: interface(name).fingerprint, at: t0 + 200, notify: [])
        }
        // The last one restores the group: one "resolved" to marco, and the escalation stops.
        let resolved = try await store.dueNotifications(at: t0 + 200, limit: 10)
        #expect(
            resolved.map { "\($0.incidentID) \($0.recipient ?? "-") \($0.event)" } == ["\(first) marco restored"])
        #expect(try #require(try await store.escalation(incident: first)).stopReason == "restored")
    }

    @Test("acknowledging any incident of a group stops the group's escalation", arguments: StoreBackend.allCases)
    func groupAcknowledgement(_ backend: StoreBackend) async throws {
        let fixture = try await StoreFixture(backend)
        let store = fixture.store
        let start = EscalationStart(policy: "noc", groupKey: "noc|device=sw-12", groupWait: .zero)
        let first = try await store.open(TestData.draft(device: "sw-12"), at: t0, notify: [], escalation: start)
            .incident.id
        let other = TestData.draft(rule: "InterfaceDown", device: "sw-12")
        let otherID = try await store.open(other, at: t0 + 1, notify: [], escalation: start).incident.id
        _ = try await store.acknowledge(id: otherID, by: "giulia", at: t0 + 2)
        let stopped = try #require(try await store.escalation(incident: first))
        #expect(stopped.stopReason == "acknowledged by giulia (incident #\(otherID))")
        #expect(try await store.dueEscalations(at: t0 + 3600, limit: 10).isEmpty)
    }
}
