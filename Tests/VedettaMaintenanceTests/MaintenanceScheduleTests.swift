import Foundation
import Testing

@testable import VedettaMaintenance

@Suite("MaintenanceSchedule")
struct MaintenanceScheduleTests {
    // Every Sunday 02:00–04:00 Rome, from 6 December 2026 (CET: 01:00Z–03:00Z).
    private func sundayNights(exceptions: [String] = []) throws -> MaintenanceSchedule {
        try schedule("2026-12-06T02:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;BYDAY=SU", exceptions: exceptions)
    }

    @Test("a start that is not on the rule's weekday is rejected with a hint")
    func startOnWrongWeekday() {
        #expect(
            throws: ScheduleError(
                field: "start",
                message: "the start 2026-12-05T22:00 is a Saturday, but the rule repeats on SU: start the window on "
                    + "its first occurrence")
        ) {
            try schedule("2026-12-05T22:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;BYDAY=SU")
        }
        #expect(
            throws: ScheduleError(
                field: "start",
                message: "the start 2026-12-05T22:00 is a Saturday, but the rule repeats on MO,TU,WE,TH,FR: start the "
                    + "window on its first occurrence")
        ) {
            try schedule("2026-12-05T22:00", TestZones.rome, hours: 2, rule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR")
        }
    }

    @Test("a start that is not an occurrence for another reason names the first occurrence")
    func startNotAnOccurrence() {
        #expect(
            throws: ScheduleError(
                field: "start",
                message: "the start 2026-12-04T22:00 is not an occurrence of FREQ=MONTHLY;BYDAY=-1FR: start the window "
                    + "on its first occurrence (2026-12-25T22:00)")
        ) {
            try schedule("2026-12-04T22:00", TestZones.rome, hours: 4, rule: "FREQ=MONTHLY;BYDAY=-1FR")
        }
        #expect(
            throws: ScheduleError(
                field: "start",
                message: "the start 2026-12-05T22:00 is not an occurrence of FREQ=MONTHLY;BYMONTHDAY=31: start the "
                    + "window on its first occurrence (2026-12-31T22:00)")
        ) {
            try schedule("2026-12-05T22:00", TestZones.rome, hours: 4, rule: "FREQ=MONTHLY;BYMONTHDAY=31")
        }
    }

    @Test("an exception must be an occurrence of the window")
    func exceptionNotAnOccurrence() {
        let notAnOccurrence = ScheduleError(
            field: "exdate", message: "exception 2026-12-13T22:00 is not an occurrence of the window")
        #expect(throws: notAnOccurrence) { try sundayNights(exceptions: ["2026-12-13T22:00"]) }
        #expect(
            throws: ScheduleError(
                field: "exdate", message: "exception 2026-12-12T02:00 is not an occurrence of the window")
        ) {
            try sundayNights(exceptions: ["2026-12-12T02:00"])
        }
        #expect(
            throws: ScheduleError(
                field: "exdate", message: "exception 2026-11-29T02:00 is not an occurrence of the window")
        ) {
            try sundayNights(exceptions: ["2026-11-29T02:00"])  // before the start
        }
        // After COUNT or UNTIL has ended the rule.
        #expect(
            throws: ScheduleError(
                field: "exdate", message: "exception 2026-12-20T02:00 is not an occurrence of the window")
        ) {
            try schedule(
                "2026-12-06T02:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;COUNT=2",
                exceptions: ["2026-12-20T02:00"])
        }
        #expect(
            throws: ScheduleError(
                field: "exdate", message: "exception 2026-12-20T02:00 is not an occurrence of the window")
        ) {
            try schedule(
                "2026-12-06T02:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;UNTIL=20261219",
                exceptions: ["2026-12-20T02:00"])
        }
    }

    @Test("exceptions need a rule, and may not remove every occurrence")
    func exceptionRules() {
        #expect(
            throws: ScheduleError(
                field: "exdate", message: "exceptions need a recurring window (add an RRULE or drop the EXDATE)")
        ) {
            try schedule("2026-12-06T02:00", TestZones.rome, hours: 2, exceptions: ["2026-12-06T02:00"])
        }
        #expect(throws: ScheduleError(field: "exdate", message: "the exceptions remove every occurrence of the window"))
        {
            try schedule(
                "2026-12-06T02:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;COUNT=2",
                exceptions: ["2026-12-06T02:00", "2026-12-13T02:00"])
        }
    }

    @Test("the duration must be more than zero and at most 31 days")
    func durationLimits() throws {
        #expect(throws: ScheduleError(field: "duration", message: "a window must last longer than zero")) {
            try MaintenanceSchedule(start: local("2026-12-06T02:00"), zone: TestZones.rome, duration: .zero)
        }
        #expect(throws: ScheduleError(field: "duration", message: "a window must last longer than zero")) {
            try MaintenanceSchedule(start: local("2026-12-06T02:00"), zone: TestZones.rome, duration: .seconds(-60))
        }
        #expect(
            throws: ScheduleError(
                field: "duration", message: "a window may last at most 31 days (split a longer one into several)")
        ) {
            try MaintenanceSchedule(
                start: local("2026-12-06T02:00"), zone: TestZones.rome, duration: .seconds(31 * 86_400 + 1))
        }
        _ = try MaintenanceSchedule(
            start: local("2026-12-06T02:00"), zone: TestZones.rome, duration: .seconds(31 * 86_400))
    }

    @Test("UNTIL before the start is rejected")
    func untilBeforeStart() {
        #expect(
            throws: ScheduleError(
                field: "rrule",
                message: "UNTIL 20261201T000000Z is before the start 2026-12-06T02:00 (2026-12-06T01:00:00Z): the "
                    + "window would never happen")
        ) {
            try schedule("2026-12-06T02:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;UNTIL=20261201T000000Z")
        }
    }

    @Test("a COUNT that would take more than a century is rejected")
    func countHorizon() throws {
        let message =
            "COUNT needs occurrences more than 100 years after the start (or after the year 9999): lower it, or "
            + "leave COUNT out for a window without end"
        #expect(throws: ScheduleError(field: "rrule", message: message)) {
            try schedule("2026-01-31T01:00", TestZones.utc, hours: 1, rule: "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=1000")
        }
        #expect(throws: ScheduleError(field: "rrule", message: message)) {
            try schedule("9999-12-30T01:00", TestZones.utc, hours: 1, rule: "FREQ=DAILY;COUNT=3")
        }
        // 36,500 days is within the century: 2026-01-01 + 36,499 days.
        let long = try schedule("2026-01-01T01:00", TestZones.utc, hours: 1, rule: "FREQ=DAILY;COUNT=36500")
        #expect(long.lastEnd == utc("2125-12-07T02:00Z"))
    }

    @Test("unknown zones are a tz error")
    func zones() throws {
        #expect(try MaintenanceSchedule.timeZone(identifier: "Europe/Rome") == TestZones.rome)
        #expect(
            throws: ScheduleError(
                field: "tz",
                message: #""Europe/Romee" is not a known IANA time zone (e.g. Europe/Rome, America/New_York, UTC)"#)
        ) {
            try MaintenanceSchedule.timeZone(identifier: "Europe/Romee")
        }
    }

    @Test(
        "occurrence(containing:) includes the start and excludes the end",
        arguments: [
            ("2026-12-13T00:59:59Z", nil),
            ("2026-12-13T01:00:00Z", "2026-12-13T02:00"),
            ("2026-12-13T02:59:59Z", "2026-12-13T02:00"),
            ("2026-12-13T03:00:00Z", nil),
            ("2026-12-06T01:00:00Z", "2026-12-06T02:00"),
            ("2026-12-06T00:59:59Z", nil),
            ("2027-07-04T00:30:00Z", "2027-07-04T02:00"),  // CEST: 00:00Z–02:00Z
            ("2027-07-04T02:00:00Z", nil),
        ] as [(String, String?)])
    func containing(instant: String, expected: String?) throws {
        #expect(try sundayNights().occurrence(containing: utc(instant))?.localStart == expected.map(local))
    }

    @Test("an exception is not in progress")
    func containingSkipsExceptions() throws {
        let window = try sundayNights(exceptions: ["2026-12-13T02:00"])
        #expect(window.occurrence(containing: utc("2026-12-13T01:30:00Z")) == nil)
        #expect(window.occurrence(containing: utc("2026-12-20T01:30:00Z"))?.localStart == local("2026-12-20T02:00"))
    }

    @Test(
        "nextOccurrence(after:) is strictly after",
        arguments: [
            ("2026-01-01T00:00:00Z", "2026-12-06T02:00"),
            ("2026-12-06T00:59:59Z", "2026-12-06T02:00"),
            ("2026-12-06T01:00:00Z", "2026-12-13T02:00"),
            ("2026-12-06T02:00:00Z", "2026-12-13T02:00"),
            ("2026-12-13T01:00:00Z", "2026-12-27T02:00"),  // 20 December is an exception
        ])
    func next(instant: String, expected: String) throws {
        let window = try sundayNights(exceptions: ["2026-12-20T02:00"])
        #expect(window.nextOccurrence(after: utc(instant))?.localStart == local(expected))
    }

    @Test("occurrences(overlapping:) takes occurrences that start before its end and end after its start")
    func overlapping() throws {
        let window = try sundayNights()
        // [03:00Z, 01:00Z next week): the first ends exactly at the lower bound, the second starts at the upper.
        #expect(window.occurrences(overlapping: utc("2026-12-13T03:00Z")..<utc("2026-12-20T01:00Z")).isEmpty)
        #expect(
            utcStarts(window.occurrences(overlapping: utc("2026-12-13T02:59:59Z")..<utc("2026-12-20T01:00:01Z")))
                == ["2026-12-13T01:00Z", "2026-12-20T01:00Z"])
        #expect(
            utcStarts(window.occurrences(overlapping: utc("2026-12-13T02:00Z")..<utc("2026-12-13T02:30Z")))
                == ["2026-12-13T01:00Z"])
        #expect(window.occurrences(overlapping: utc("2026-01-01T00:00Z")..<utc("2026-12-06T01:00Z")).isEmpty)
        #expect(
            utcStarts(window.occurrences(overlapping: utc("2026-01-01T00:00Z")..<utc("2027-01-01T00:00Z"), limit: 2))
                == ["2026-12-06T01:00Z", "2026-12-13T01:00Z"])
    }

    @Test("a long occurrence that began well before the range still overlaps it")
    func longOccurrence() throws {
        let window = try schedule("2026-12-01T00:00", TestZones.utc, hours: 24 * 20, rule: "FREQ=MONTHLY")
        #expect(
            utcStarts(window.occurrences(overlapping: utc("2026-12-19T00:00Z")..<utc("2026-12-20T00:00Z")))
                == ["2026-12-01T00:00Z"])
        #expect(window.occurrence(containing: utc("2026-12-20T23:59:59Z"))?.localStart == local("2026-12-01T00:00"))
        #expect(window.occurrence(containing: utc("2026-12-21T00:00Z")) == nil)
    }

    @Test("a one-off window has one occurrence")
    func oneOff() throws {
        let window = try schedule("2026-12-05T22:00", TestZones.rome, hours: 3)
        #expect(
            utcStarts(window.occurrences(overlapping: utc("2026-01-01T00:00Z")..<utc("2027-01-01T00:00Z")))
                == ["2026-12-05T21:00Z"])
        #expect(window.occurrence(containing: utc("2026-12-05T23:59:59Z"))?.localStart == local("2026-12-05T22:00"))
        #expect(window.occurrence(containing: utc("2026-12-06T00:00Z")) == nil)
        #expect(window.nextOccurrence(after: utc("2026-12-05T20:59:59Z"))?.localStart == local("2026-12-05T22:00"))
        #expect(window.nextOccurrence(after: utc("2026-12-05T21:00Z")) == nil)
        #expect(window.lastEnd == utc("2026-12-06T00:00Z"))
    }

    @Test("lastEnd: nil for ever, else the end of the last occurrence left")
    func lastEnd() throws {
        #expect(try sundayNights().lastEnd == nil)
        let counted = try schedule("2026-12-06T02:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;COUNT=3")
        #expect(counted.lastEnd == utc("2026-12-20T03:00Z"))
        let lastRemoved = try schedule(
            "2026-12-06T02:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;COUNT=3", exceptions: ["2026-12-20T02:00"])
        #expect(lastRemoved.lastEnd == utc("2026-12-13T03:00Z"))
        let until = try schedule("2026-12-06T02:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;UNTIL=20270110")
        #expect(until.lastEnd == utc("2027-01-10T03:00Z"))
        let untilExact = try schedule(
            "2026-12-06T02:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;UNTIL=20270110T010000Z")
        #expect(untilExact.lastEnd == utc("2027-01-10T03:00Z"))
        // Every occurrence of the last two years removed but the first: the scan reaches back to the start.
        let daily = try schedule(
            "2026-01-01T00:00", TestZones.utc, hours: 1, rule: "FREQ=MONTHLY;COUNT=30",
            exceptions: (2...30).map { index in
                let month = index - 1
                return LocalDateTime(year: 2026 + month / 12, month: month % 12 + 1, day: 1)!.description
            })
        #expect(daily.lastEnd == utc("2026-01-01T01:00Z"))
    }

    @Test("changing the rule after creation recounts COUNT")
    func mutation() throws {
        var window = try schedule("2026-12-06T02:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;COUNT=3")
        window.recurrence = try RecurrenceRule.parse("FREQ=WEEKLY;COUNT=5", in: TestZones.rome)
        #expect(window.lastEnd == utc("2027-01-03T03:00Z"))
        #expect(window == (try schedule("2026-12-06T02:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;COUNT=5")))
    }
}
