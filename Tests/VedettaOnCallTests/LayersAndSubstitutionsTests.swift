import Foundation
import Testing
import VedettaMaintenance
import VedettaOnCall

@Suite("Final shifts: layers over layers, restrictions, and substitutions over both")
struct LayersAndSubstitutionsTests {
    private typealias F = OnCallFixtures

    private func shifts(_ schedule: OnCallSchedule, _ from: String, _ to: String, _ substitutions: [Substitution] = [])
        -> [String]
    {
        F.lines(ShiftResolver.shifts(of: schedule, from: F.rome(from), to: F.rome(to), substitutions: substitutions))
    }

    @Test("a weekday business-hours layer covers the round-the-clock layer only inside its hours")
    func businessHoursOverBase() {
        #expect(
            shifts(F.noc(), "2026-12-01T00:00", "2026-12-02T00:00") == [
                "marco 2026-12-01T00:00 2026-12-01T09:00",
                "anna 2026-12-01T09:00 2026-12-01T18:00",
                "marco 2026-12-01T18:00 2026-12-02T00:00",
            ])
        // Saturday: the office layer is restricted to weekdays.
        #expect(shifts(F.noc(), "2026-12-05T00:00", "2026-12-06T00:00") == ["marco 2026-12-05T00:00 2026-12-06T00:00"])
        // The weekly hand-off on Monday 7 December at 08:00, then the office from 09:00.
        #expect(
            shifts(F.noc(), "2026-12-07T07:00", "2026-12-07T10:00") == [
                "marco 2026-12-07T07:00 2026-12-07T08:00",
                "giulia 2026-12-07T08:00 2026-12-07T09:00",
                "anna 2026-12-07T09:00 2026-12-07T10:00",
            ])
    }

    @Test("a night layer from 20:00 to 08:00 runs past midnight, into Saturday morning after Friday")
    func nightLayerWrapsMidnight() {
        var schedule = F.noc(office: false)
        schedule.layers.append(
            RotationLayer(
                name: "nights", start: F.local("2026-11-30T20:00"), length: .weekly, participants: ["luca"],
                restrictions: [F.restriction([.monday, .tuesday, .wednesday, .thursday, .friday], "20:00", "08:00")]))
        #expect(
            shifts(schedule, "2026-12-04T19:00", "2026-12-05T21:00") == [
                "marco 2026-12-04T19:00 2026-12-04T20:00",
                "luca 2026-12-04T20:00 2026-12-05T08:00",
                "marco 2026-12-05T08:00 2026-12-05T21:00",
            ])
    }

    @Test("restrictions stay on the local clock across the spring-forward night")
    func restrictionAcrossDST() {
        let shifts = ShiftResolver.shifts(
            of: F.noc(since: "2026-01-05T08:00"), from: F.utc("2026-03-27T00:00:00Z"),
            to: F.utc("2026-03-31T00:00:00Z"), substitutions: [])
        let office = shifts.filter { $0.layer == "office" }
        #expect(office.map(\.start) == [F.utc("2026-03-27T08:00:00Z"), F.utc("2026-03-30T07:00:00Z")])
        #expect(office.map(\.end) == [F.utc("2026-03-27T17:00:00Z"), F.utc("2026-03-30T16:00:00Z")])
    }

    @Test("a substitution covering part of marco's shift replaces him only where he is on call")
    func substitutionCoversOnePerson() {
        let cover = F.substitution(1, "giulia", covers: "marco", from: "2026-12-01T12:00", to: "2026-12-02T12:00")
        let result = ShiftResolver.shifts(
            of: F.noc(), from: F.rome("2026-12-01T00:00"), to: F.rome("2026-12-03T00:00"), substitutions: [cover])
        #expect(
            F.lines(result) == [
                "marco 2026-12-01T00:00 2026-12-01T09:00",
                "anna 2026-12-01T09:00 2026-12-01T18:00",
                "giulia 2026-12-01T18:00 2026-12-02T09:00",
                "luca 2026-12-02T09:00 2026-12-02T18:00",
                "marco 2026-12-02T18:00 2026-12-03T00:00",
            ])
        let covering = result[2]
        #expect(covering.substitution == 1)
        #expect(covering.covers == "marco")
        #expect(covering.layer == "round-the-clock")
    }

    @Test("a substitution for whoever is on call takes every shift and fills the gaps")
    func substitutionTakesEverything() {
        let officeOnly = OnCallSchedule(name: "noc", zone: F.rome, layers: [F.noc().layers[1]])
        let weekend = F.substitution(7, "giulia", covers: nil, from: "2026-12-04T17:00", to: "2026-12-05T20:00")
        let result = ShiftResolver.shifts(
            of: officeOnly, from: F.rome("2026-12-04T00:00"), to: F.rome("2026-12-06T00:00"), substitutions: [weekend])
        #expect(
            F.lines(result) == [
                "luca 2026-12-04T09:00 2026-12-04T17:00",
                "giulia 2026-12-04T17:00 2026-12-04T18:00",
                "giulia 2026-12-04T18:00 2026-12-05T20:00",
            ])
        #expect(result[1].covers == "luca")
        #expect(result[2].covers == nil)
        #expect(result[2].layer == nil)
    }

    @Test("the newest substitution wins where two apply; one for someone not on call changes nothing")
    func newestWins() {
        let first = F.substitution(1, "giulia", covers: "marco", from: "2026-12-05T00:00", to: "2026-12-06T00:00")
        let second = F.substitution(2, "luca", covers: "marco", from: "2026-12-05T10:00", to: "2026-12-05T12:00")
        let unrelated = F.substitution(3, "anna", covers: "giulia", from: "2026-12-05T00:00", to: "2026-12-06T00:00")
        #expect(
            shifts(F.noc(), "2026-12-05T00:00", "2026-12-06T00:00", [second, unrelated, first]) == [
                "giulia 2026-12-05T00:00 2026-12-05T10:00",
                "luca 2026-12-05T10:00 2026-12-05T12:00",
                "giulia 2026-12-05T12:00 2026-12-06T00:00",
            ])
    }

    @Test("substitutions of another schedule are ignored")
    func otherSchedule() {
        let elsewhere = F.substitution(
            1, "giulia", covers: "marco", from: "2026-12-05T00:00", to: "2026-12-06T00:00", schedule: "crm")
        #expect(
            shifts(F.noc(), "2026-12-05T00:00", "2026-12-06T00:00", [elsewhere]) == [
                "marco 2026-12-05T00:00 2026-12-06T00:00"
            ])
    }

    @Test("one person's consecutive shifts are one shift")
    func merged() {
        let alone = OnCallSchedule(
            name: "solo", zone: F.rome,
            layers: [
                RotationLayer(name: "l", start: F.local("2026-11-30T08:00"), length: .daily, participants: ["marco"])
            ]
        )
        #expect(shifts(alone, "2026-12-01T00:00", "2026-12-22T00:00") == ["marco 2026-12-01T00:00 2026-12-22T00:00"])
    }

    @Test("a year of hourly shifts over three layers resolves without a gap or an overlap")
    func longPeriodIsConsistent() {
        var schedule = F.noc()
        schedule.layers.append(
            RotationLayer(
                name: "hourly", start: F.local("2026-01-01T00:00"), length: ShiftLength(hours: 1) ?? .daily,
                participants: ["anna", "luca", "giulia"],
                restrictions: [F.restriction([.saturday, .sunday], "10:00", "14:00")]))
        let from = F.rome("2027-01-01T00:00")
        let result = ShiftResolver.shifts(of: schedule, from: from, to: from + 365 * 86_400, substitutions: [])
        #expect(result.first?.start == from)
        #expect(result.last?.end == from + 365 * 86_400)
        for (shift, next) in zip(result, result.dropFirst()) {
            #expect(shift.end == next.start)
            #expect(shift.start < shift.end)
        }
    }

    @Test("restricted layers end at the end of the calendar (9999-12-31) instead of looping on its last day")
    func restrictionsAtTheEndOfTheCalendar() {
        let from = F.utc("9999-12-25T00:00:00Z")
        let result = ShiftResolver.shifts(
            of: F.noc(since: "2026-01-05T08:00"), from: from, to: from + 10 * 86_400, substitutions: [])
        // It returns: the restrictions' day loop stops on the calendar's last day instead of trying to pass it.
        #expect(result.allSatisfy { $0.start >= from && $0.end <= from + 10 * 86_400 })
    }

    @Test("who is on call is answered with the person's whole stretch, across a layer change to the same person")
    func stretchAcrossLayers() throws {
        // Monday 30 November: luca has the office day (index 0), then covers marco's base shift that night.
        let cover = F.substitution(1, "luca", covers: "marco", from: "2026-11-30T18:00", to: "2026-12-01T09:00")
        let found = try #require(
            ShiftResolver.onCall(of: F.noc(), at: F.rome("2026-11-30T12:00"), substitutions: [cover]))
        #expect(found.shift.person == "luca")
        #expect(found.shift.layer == "office")
        #expect(found.since == F.rome("2026-11-30T09:00"))
        #expect(found.until == F.rome("2026-12-01T09:00"), "the office day, then the substitution at night")
    }

    @Test("gaps: the times the layers leave nobody on call, for vedetta check")
    func gaps() {
        let officeOnly = OnCallSchedule(name: "office", zone: F.rome, layers: [F.noc().layers[1]])
        let gaps = ShiftResolver.gaps(of: officeOnly, from: F.rome("2026-12-04T12:00"), to: F.rome("2026-12-08T00:00"))
        #expect(
            gaps.map { "\(LocalDateTime($0.lowerBound, in: F.rome)) \(LocalDateTime($0.upperBound, in: F.rome))" } == [
                "2026-12-04T18:00 2026-12-07T09:00", "2026-12-07T18:00 2026-12-08T00:00",
            ])
        #expect(
            ShiftResolver.gaps(of: F.noc(), from: F.rome("2026-12-04T12:00"), to: F.rome("2026-12-08T00:00")).isEmpty)
    }
}
