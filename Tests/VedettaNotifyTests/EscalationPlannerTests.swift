import Foundation
import Testing
import VedettaCore
import VedettaIncidents
import VedettaMaintenance
import VedettaNotify
import VedettaOnCall
import VedettaReports
import VedettaStoreSQLite

@Suite("Escalation planner: whom each step pages, through which channels, and when the next is due")
struct EscalationPlannerTests {
    private static let rome = TimeZone(identifier: "Europe/Rome") ?? .gmt
    private static let here = SourceLocation(file: "oncall/noc.yaml", line: 1, column: 1)

    private static func local(_ text: String) throws -> LocalDateTime { try #require(LocalDateTime.parse(text)) }

    private static func rome(_ text: String) throws -> Date {
        try local(text).instant(in: rome)
    }

    /// noc: marco, then giulia, weekly from Monday 30 November 08:00; office: anna on weekdays 09–18 only.
    private static func desk(_ store: any SubstitutionStore) throws -> OnCallDesk {
        let people = ["marco", "giulia", "anna", "paolo"].map { Person(name: $0, zone: rome) }
        let noc = OnCallSchedule(
            name: "noc", zone: rome,
            layers: [
                RotationLayer(
                    name: "base", start: try local("2026-11-30T08:00"), length: .weekly,
                    participants: ["marco", "giulia"])
            ])
        let office = OnCallSchedule(
            name: "office", zone: rome,
            layers: [
                RotationLayer(
                    name: "day", start: try local("2026-11-30T08:00"), length: .daily, participants: ["anna"],
                    restrictions: [
                        try #require(
                            TimeRestriction(
                                days: [.monday, .tuesday, .wednesday, .thursday, .friday], fromMinute: 540,
                                toMinute: 1080))
                    ])
            ])
        let policy = EscalationPolicy(
            name: "noc",
            steps: [
                EscalationStep(
                    targets: [.schedule("noc", via: ["mail", "sms"]), .schedule("office", via: ["mail"])],
                    wait: .seconds(300), location: here),
                EscalationStep(
                    targets: [.person("paolo", via: ["sms"]), .channel("chat")], wait: .seconds(600), location: here),
            ],
            repeats: 1)
        return OnCallDesk(
            roster: OnCallRoster(people: people, schedules: [noc, office], policies: [policy]), store: store,
            defaultZone: rome)
    }

    private static func lines(_ pages: [OutboxDraft]) -> [String] {
        pages.map { "\($0.channel) \($0.recipient ?? "-") \($0.step)" }
    }

    @Test("level 1 pages the person on call now through each channel; level 2 a person and a channel; then round 2")
    func steps() async throws {
        let planner = EscalationPlanner(desk: try Self.desk(try SQLiteIncidentStore.inMemory()))
        let night = try Self.rome("2026-12-01T22:00")
        var state = EscalationState(incidentID: 7, policy: "noc", nextStep: 0, nextAt: night, startedAt: night)

        let first = try await planner.plan(state, at: night)
        #expect(Self.lines(first.pages) == ["mail marco 1", "sms marco 1"])
        #expect(first.detail == "level 1: marco (on call for noc) via mail, sms; nobody is on call for office")
        #expect(first.nextAt == night + 300)
        #expect(first.stopReason == nil)

        state.nextStep = 1
        let second = try await planner.plan(state, at: night + 300)
        #expect(Self.lines(second.pages) == ["sms paolo 2", "chat - 2"])
        #expect(second.detail == "level 2: paolo via sms; chat")
        #expect(second.nextAt == night + 900)

        // Round 2 in office hours: anna is on call for office too.
        state.nextStep = 2
        let morning = try Self.rome("2026-12-02T10:00")
        let third = try await planner.plan(state, at: morning)
        #expect(Self.lines(third.pages) == ["mail marco 3", "sms marco 3", "mail anna 3"])
        #expect(third.detail.hasPrefix("level 1, round 2: "))

        // After the last step has waited: stop, page nobody.
        state.nextStep = 4
        let end = try await planner.plan(state, at: morning + 900)
        #expect(end.pages.isEmpty)
        #expect(end.nextAt == nil)
        #expect(end.stopReason == "every step ran 2 time(s) without an acknowledgement")
    }

    @Test("the person on call is the one after substitutions, at the time of the step")
    func substitution() async throws {
        let desk = try Self.desk(try SQLiteIncidentStore.inMemory())
        let night = try Self.rome("2026-12-01T22:00")
        _ = try await desk.substitute(
            SubstitutionRequest(
                schedule: "noc", substitute: "giulia", covers: "marco", start: "2026-12-01T18:00",
                end: "2026-12-02T08:00", duration: nil, reason: "sick leave", by: "paolo"),
            at: night - 3600)
        let planner = EscalationPlanner(desk: desk)
        let state = EscalationState(incidentID: 7, policy: "noc", nextStep: 0, nextAt: night, startedAt: night)
        #expect(Self.lines(try await planner.plan(state, at: night).pages) == ["mail giulia 1", "sms giulia 1"])
        // After the substitution ends, marco again.
        let after = try await planner.plan(state, at: try Self.rome("2026-12-02T08:30"))
        #expect(Self.lines(after.pages) == ["mail marco 1", "sms marco 1"])
    }

    @Test("a policy no longer configured stops the escalation")
    func unknownPolicy() async throws {
        let planner = EscalationPlanner(desk: try Self.desk(try SQLiteIncidentStore.inMemory()))
        let at = try Self.rome("2026-12-01T22:00")
        let plan = try await planner.plan(
            EscalationState(incidentID: 7, policy: "gone", nextStep: 0, nextAt: at, startedAt: at), at: at)
        #expect(plan.pages.isEmpty)
        #expect(plan.nextAt == nil)
        #expect(plan.stopReason == "escalation policy gone is no longer configured")
    }

    @Test("a policy for business hours postpones a step due at night to the next opening, then pages")
    func businessHours() async throws {
        let base = try Self.desk(try SQLiteIncidentStore.inMemory())
        var office = try #require(base.roster.policy("noc"))
        office.name = "office"
        office.hours = .business
        let desk = OnCallDesk(
            roster: OnCallRoster(people: base.roster.people, schedules: base.roster.schedules, policies: [office]),
            store: base.store, defaultZone: Self.rome)
        let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        let hours = try #require(BusinessCalendar.Hours(start: 8 * 60, end: 18 * 60))
        let calendar = BusinessCalendar(
            timeZone: Self.rome, hours: Dictionary(uniqueKeysWithValues: weekdays.map { ($0, [hours]) }))
        let planner = EscalationPlanner(desk: desk, businessHours: calendar)
        // Friday 4 December, 22:00: waits until Monday 7 December, 08:00.
        let friday = try Self.rome("2026-12-04T22:00")
        let state = EscalationState(incidentID: 7, policy: "office", nextStep: 0, nextAt: friday, startedAt: friday)
        let night = try await planner.plan(state, at: friday)
        #expect(night.pages.isEmpty)
        #expect(night.postponedUntil == (try Self.rome("2026-12-07T08:00")))
        #expect(night.detail == "outside business hours: waits until 2026-12-07T08:00 Europe/Rome")
        let monday = try await planner.plan(state, at: try Self.rome("2026-12-07T08:00"))
        #expect(monday.postponedUntil == nil)
        // 08:00: the office layer (from 09:00) has nobody yet.
        #expect(Self.lines(monday.pages) == ["mail giulia 1", "sms giulia 1"])
    }

    @Test("after the last step a policy with remind_every reminds everyone paged; a step's fallback rides on its pages")
    func remindersAndFallback() async throws {
        let base = try Self.desk(try SQLiteIncidentStore.inMemory())
        var policy = try #require(base.roster.policy("noc"))
        policy.remindEvery = .seconds(1800)
        policy.steps[0].fallback = EscalationFallback(channel: "sms", afterFailures: 3)
        let desk = OnCallDesk(
            roster: OnCallRoster(people: base.roster.people, schedules: base.roster.schedules, policies: [policy]),
            store: base.store, defaultZone: Self.rome)
        let planner = EscalationPlanner(desk: desk)
        let night = try Self.rome("2026-12-01T22:00")
        var state = EscalationState(incidentID: 7, policy: "noc", nextStep: 0, nextAt: night, startedAt: night)
        let first = try await planner.plan(state, at: night)
        #expect(first.pages.allSatisfy { $0.fallback == OutboxFallback(channel: "sms", afterFailures: 3) })
        state.nextStep = 4
        let reminder = try await planner.plan(state, at: night + 3600)
        #expect(reminder.remindEveryonePaged)
        #expect(reminder.pages.isEmpty)
        #expect(reminder.nextAt == night + 3600 + 1800)
        #expect(reminder.stopReason == nil)
    }
}
