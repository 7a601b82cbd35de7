import Foundation
import Testing

@testable import VedettaMaintenance

/// Expansion against hand-checked calendars. Each case: a window, a UTC range, and the occurrence starts in it,
/// written as `local wall clock → UTC instant`.
@Suite("Recurrence expansion")
struct RecurrenceExpansionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var start: String
        var zone: TimeZone
        var hours: Int
        var rule: String
        var exceptions: [String] = []
        var from: String
        var to: String
        /// `"2026-03-29T02:00 → 2026-03-29T01:00Z"`.
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "every Sunday 02:00 Rome across the spring-forward: 29 March starts at 03:00 CEST (01:00Z)",
            start: "2026-03-15T02:00", zone: TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;BYDAY=SU",
            from: "2026-03-14T00:00Z", to: "2026-04-13T00:00Z",
            expected: [
                "2026-03-15T02:00 → 2026-03-15T01:00Z", "2026-03-22T02:00 → 2026-03-22T01:00Z",
                "2026-03-29T02:00 → 2026-03-29T01:00Z", "2026-04-05T02:00 → 2026-04-05T00:00Z",
                "2026-04-12T02:00 → 2026-04-12T00:00Z",
            ]),
        Case(
            name: "every Sunday 02:00 Rome across the fall-back: 25 October is the first 02:00 (CEST, 00:00Z)",
            start: "2026-03-15T02:00", zone: TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;BYDAY=SU",
            from: "2026-10-17T00:00Z", to: "2026-11-09T00:00Z",
            expected: [
                "2026-10-18T02:00 → 2026-10-18T00:00Z", "2026-10-25T02:00 → 2026-10-25T00:00Z",
                "2026-11-01T02:00 → 2026-11-01T01:00Z", "2026-11-08T02:00 → 2026-11-08T01:00Z",
            ]),
        Case(
            name: "every other week on Monday and Thursday, started on a Thursday",
            start: "2026-01-08T10:00", zone: TestZones.rome, hours: 1, rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
            from: "2026-01-01T00:00Z", to: "2026-02-20T00:00Z",
            expected: [
                "2026-01-08T10:00 → 2026-01-08T09:00Z", "2026-01-19T10:00 → 2026-01-19T09:00Z",
                "2026-01-22T10:00 → 2026-01-22T09:00Z", "2026-02-02T10:00 → 2026-02-02T09:00Z",
                "2026-02-05T10:00 → 2026-02-05T09:00Z", "2026-02-16T10:00 → 2026-02-16T09:00Z",
                "2026-02-19T10:00 → 2026-02-19T09:00Z",
            ]),
        Case(
            name: "CRM database backup at 01:30 New York on working days, across the spring-forward",
            start: "2026-03-05T01:30", zone: TestZones.newYork, hours: 1, rule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
            from: "2026-03-01T00:00Z", to: "2026-03-14T00:00Z",
            expected: [
                "2026-03-05T01:30 → 2026-03-05T06:30Z", "2026-03-06T01:30 → 2026-03-06T06:30Z",
                "2026-03-09T01:30 → 2026-03-09T05:30Z", "2026-03-10T01:30 → 2026-03-10T05:30Z",
                "2026-03-11T01:30 → 2026-03-11T05:30Z", "2026-03-12T01:30 → 2026-03-12T05:30Z",
                "2026-03-13T01:30 → 2026-03-13T05:30Z",
            ]),
        Case(
            name: "PBX patch night on the last Friday of each month at 22:00 Rome",
            start: "2026-01-30T22:00", zone: TestZones.rome, hours: 4, rule: "FREQ=MONTHLY;BYDAY=-1FR",
            from: "2026-01-01T00:00Z", to: "2027-01-01T00:00Z",
            expected: [
                "2026-01-30T22:00 → 2026-01-30T21:00Z", "2026-02-27T22:00 → 2026-02-27T21:00Z",
                "2026-03-27T22:00 → 2026-03-27T21:00Z", "2026-04-24T22:00 → 2026-04-24T20:00Z",
                "2026-05-29T22:00 → 2026-05-29T20:00Z", "2026-06-26T22:00 → 2026-06-26T20:00Z",
                "2026-07-31T22:00 → 2026-07-31T20:00Z", "2026-08-28T22:00 → 2026-08-28T20:00Z",
                "2026-09-25T22:00 → 2026-09-25T20:00Z", "2026-10-30T22:00 → 2026-10-30T21:00Z",
                "2026-11-27T22:00 → 2026-11-27T21:00Z", "2026-12-25T22:00 → 2026-12-25T21:00Z",
            ]),
        Case(
            name: "BYMONTHDAY=31 skips 30-day months and February",
            start: "2026-01-31T23:00", zone: TestZones.rome, hours: 1, rule: "FREQ=MONTHLY;BYMONTHDAY=31",
            from: "2026-01-01T00:00Z", to: "2027-01-01T00:00Z",
            expected: [
                "2026-01-31T23:00 → 2026-01-31T22:00Z", "2026-03-31T23:00 → 2026-03-31T21:00Z",
                "2026-05-31T23:00 → 2026-05-31T21:00Z", "2026-07-31T23:00 → 2026-07-31T21:00Z",
                "2026-08-31T23:00 → 2026-08-31T21:00Z", "2026-10-31T23:00 → 2026-10-31T22:00Z",
                "2026-12-31T23:00 → 2026-12-31T22:00Z",
            ]),
        Case(
            name: "a monthly rule without BYxxx skips months that lack the start's day",
            start: "2026-01-31T23:00", zone: TestZones.utc, hours: 1, rule: "FREQ=MONTHLY",
            from: "2026-01-01T00:00Z", to: "2026-06-01T00:00Z",
            expected: [
                "2026-01-31T23:00 → 2026-01-31T23:00Z", "2026-03-31T23:00 → 2026-03-31T23:00Z",
                "2026-05-31T23:00 → 2026-05-31T23:00Z",
            ]),
        Case(
            name: "BYMONTHDAY=-1 is the last day of each month, 28 February 2026",
            start: "2026-01-31T23:00", zone: TestZones.rome, hours: 1, rule: "FREQ=MONTHLY;BYMONTHDAY=-1",
            from: "2026-01-01T00:00Z", to: "2026-05-01T00:00Z",
            expected: [
                "2026-01-31T23:00 → 2026-01-31T22:00Z", "2026-02-28T23:00 → 2026-02-28T22:00Z",
                "2026-03-31T23:00 → 2026-03-31T21:00Z", "2026-04-30T23:00 → 2026-04-30T21:00Z",
            ]),
        Case(
            name: "BYMONTHDAY=-1 in a leap year: 29 February 2028",
            start: "2026-01-31T23:00", zone: TestZones.rome, hours: 1, rule: "FREQ=MONTHLY;BYMONTHDAY=-1",
            from: "2028-01-15T00:00Z", to: "2028-04-01T00:00Z",
            expected: [
                "2028-01-31T23:00 → 2028-01-31T22:00Z", "2028-02-29T23:00 → 2028-02-29T22:00Z",
                "2028-03-31T23:00 → 2028-03-31T21:00Z",
            ]),
        Case(
            name: "the first Sunday of each month",
            start: "2026-01-04T03:00", zone: TestZones.rome, hours: 2, rule: "FREQ=MONTHLY;BYDAY=1SU",
            from: "2026-01-01T00:00Z", to: "2026-07-01T00:00Z",
            expected: [
                "2026-01-04T03:00 → 2026-01-04T02:00Z", "2026-02-01T03:00 → 2026-02-01T02:00Z",
                "2026-03-01T03:00 → 2026-03-01T02:00Z", "2026-04-05T03:00 → 2026-04-05T01:00Z",
                "2026-05-03T03:00 → 2026-05-03T01:00Z", "2026-06-07T03:00 → 2026-06-07T01:00Z",
            ]),
        Case(
            name: "the second Tuesday and the last Friday, every second month",
            start: "2026-01-13T20:00", zone: TestZones.utc, hours: 2,
            rule: "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU,-1FR",
            from: "2026-01-01T00:00Z", to: "2026-06-01T00:00Z",
            expected: [
                "2026-01-13T20:00 → 2026-01-13T20:00Z", "2026-01-30T20:00 → 2026-01-30T20:00Z",
                "2026-03-10T20:00 → 2026-03-10T20:00Z", "2026-03-27T20:00 → 2026-03-27T20:00Z",
                "2026-05-12T20:00 → 2026-05-12T20:00Z", "2026-05-29T20:00 → 2026-05-29T20:00Z",
            ]),
        Case(
            name: "every Saturday of the month (BYDAY without ordinal in a monthly rule)",
            start: "2026-08-01T06:00", zone: TestZones.utc, hours: 1, rule: "FREQ=MONTHLY;BYDAY=SA",
            from: "2026-08-01T00:00Z", to: "2026-09-10T00:00Z",
            expected: [
                "2026-08-01T06:00 → 2026-08-01T06:00Z", "2026-08-08T06:00 → 2026-08-08T06:00Z",
                "2026-08-15T06:00 → 2026-08-15T06:00Z", "2026-08-22T06:00 → 2026-08-22T06:00Z",
                "2026-08-29T06:00 → 2026-08-29T06:00Z", "2026-09-05T06:00 → 2026-09-05T06:00Z",
            ]),
        Case(
            name: "BYDAY and BYMONTHDAY together: a Monday or Tuesday among the 1st to 3rd",
            start: "2026-06-01T08:00", zone: TestZones.rome, hours: 1,
            rule: "FREQ=MONTHLY;BYDAY=MO,TU;BYMONTHDAY=1,2,3",
            from: "2026-06-01T00:00Z", to: "2026-12-01T00:00Z",
            expected: [
                "2026-06-01T08:00 → 2026-06-01T06:00Z", "2026-06-02T08:00 → 2026-06-02T06:00Z",
                "2026-08-03T08:00 → 2026-08-03T06:00Z", "2026-09-01T08:00 → 2026-09-01T06:00Z",
                "2026-11-02T08:00 → 2026-11-02T07:00Z", "2026-11-03T08:00 → 2026-11-03T07:00Z",
            ]),
        Case(
            name: "a daily rule filtered by BYMONTHDAY",
            start: "2026-01-01T12:00", zone: TestZones.utc, hours: 1, rule: "FREQ=DAILY;BYMONTHDAY=1,-1",
            from: "2026-01-01T00:00Z", to: "2026-03-02T00:00Z",
            expected: [
                "2026-01-01T12:00 → 2026-01-01T12:00Z", "2026-01-31T12:00 → 2026-01-31T12:00Z",
                "2026-02-01T12:00 → 2026-02-01T12:00Z", "2026-02-28T12:00 → 2026-02-28T12:00Z",
                "2026-03-01T12:00 → 2026-03-01T12:00Z",
            ]),
        Case(
            name: "a weekly rule filtered by BYMONTHDAY: Fridays that are the 13th",
            start: "2026-02-13T09:00", zone: TestZones.utc, hours: 1, rule: "FREQ=WEEKLY;BYDAY=FR;BYMONTHDAY=13",
            from: "2026-01-01T00:00Z", to: "2028-01-01T00:00Z",
            expected: [
                "2026-02-13T09:00 → 2026-02-13T09:00Z", "2026-03-13T09:00 → 2026-03-13T09:00Z",
                "2026-11-13T09:00 → 2026-11-13T09:00Z", "2027-08-13T09:00 → 2027-08-13T09:00Z",
            ]),
        Case(
            name: "a weekly rule without BYDAY repeats on the start's weekday",
            start: "2026-12-05T22:00", zone: TestZones.tokyo, hours: 2, rule: "FREQ=WEEKLY;INTERVAL=3",
            from: "2026-12-01T00:00Z", to: "2027-01-20T00:00Z",
            expected: [
                "2026-12-05T22:00 → 2026-12-05T13:00Z", "2026-12-26T22:00 → 2026-12-26T13:00Z",
                "2027-01-16T22:00 → 2027-01-16T13:00Z",
            ]),
        Case(
            name: "COUNT counts from the start and stops",
            start: "2026-01-30T22:00", zone: TestZones.rome, hours: 4, rule: "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3",
            from: "2026-01-01T00:00Z", to: "2030-01-01T00:00Z",
            expected: [
                "2026-01-30T22:00 → 2026-01-30T21:00Z", "2026-02-27T22:00 → 2026-02-27T21:00Z",
                "2026-03-27T22:00 → 2026-03-27T21:00Z",
            ]),
        Case(
            name: "an exception is removed after COUNT is applied (RFC 5545): two occurrences remain of three",
            start: "2026-01-30T22:00", zone: TestZones.rome, hours: 4, rule: "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3",
            exceptions: ["2026-02-27T22:00"], from: "2026-01-01T00:00Z", to: "2030-01-01T00:00Z",
            expected: ["2026-01-30T22:00 → 2026-01-30T21:00Z", "2026-03-27T22:00 → 2026-03-27T21:00Z"]),
        Case(
            name: "UNTIL in UTC is inclusive: an occurrence starting exactly at UNTIL happens",
            start: "2026-11-01T02:00", zone: TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;UNTIL=20261115T010000Z",
            from: "2026-10-01T00:00Z", to: "2027-01-01T00:00Z",
            expected: [
                "2026-11-01T02:00 → 2026-11-01T01:00Z", "2026-11-08T02:00 → 2026-11-08T01:00Z",
                "2026-11-15T02:00 → 2026-11-15T01:00Z",
            ]),
        Case(
            name: "UNTIL one second before an occurrence excludes it",
            start: "2026-11-01T02:00", zone: TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;UNTIL=20261115T005959Z",
            from: "2026-10-01T00:00Z", to: "2027-01-01T00:00Z",
            expected: ["2026-11-01T02:00 → 2026-11-01T01:00Z", "2026-11-08T02:00 → 2026-11-08T01:00Z"]),
        Case(
            name: "UNTIL in local time is read in the window's zone, inclusive",
            start: "2026-11-01T02:00", zone: TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;UNTIL=20261115T020000",
            from: "2026-10-01T00:00Z", to: "2027-01-01T00:00Z",
            expected: [
                "2026-11-01T02:00 → 2026-11-01T01:00Z", "2026-11-08T02:00 → 2026-11-08T01:00Z",
                "2026-11-15T02:00 → 2026-11-15T01:00Z",
            ]),
        Case(
            name: "UNTIL as a date includes occurrences on that local day, even late in it",
            start: "2026-11-01T23:30", zone: TestZones.rome, hours: 1, rule: "FREQ=WEEKLY;UNTIL=20261115",
            from: "2026-10-01T00:00Z", to: "2027-01-01T00:00Z",
            expected: [
                "2026-11-01T23:30 → 2026-11-01T22:30Z", "2026-11-08T23:30 → 2026-11-08T22:30Z",
                "2026-11-15T23:30 → 2026-11-15T22:30Z",
            ]),
        Case(
            name: "an exception skips one occurrence",
            start: "2026-11-01T02:00", zone: TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;BYDAY=SU",
            exceptions: ["2026-11-08T02:00"], from: "2026-10-31T00:00Z", to: "2026-11-23T00:00Z",
            expected: [
                "2026-11-01T02:00 → 2026-11-01T01:00Z", "2026-11-15T02:00 → 2026-11-15T01:00Z",
                "2026-11-22T02:00 → 2026-11-22T01:00Z",
            ]),
        Case(
            name: "daily 02:30 New York: the 8 March gap reads as EST (07:30Z, i.e. 03:30 EDT)",
            start: "2026-03-06T02:30", zone: TestZones.newYork, hours: 1, rule: "FREQ=DAILY",
            from: "2026-03-06T00:00Z", to: "2026-03-10T00:00Z",
            expected: [
                "2026-03-06T02:30 → 2026-03-06T07:30Z", "2026-03-07T02:30 → 2026-03-07T07:30Z",
                "2026-03-08T02:30 → 2026-03-08T07:30Z", "2026-03-09T02:30 → 2026-03-09T06:30Z",
            ]),
        Case(
            name: "daily 01:30 New York: on 1 November the first 01:30 (EDT, 05:30Z)",
            start: "2026-10-30T01:30", zone: TestZones.newYork, hours: 1, rule: "FREQ=DAILY",
            from: "2026-10-30T00:00Z", to: "2026-11-03T00:00Z",
            expected: [
                "2026-10-30T01:30 → 2026-10-30T05:30Z", "2026-10-31T01:30 → 2026-10-31T05:30Z",
                "2026-11-01T01:30 → 2026-11-01T05:30Z", "2026-11-02T01:30 → 2026-11-02T06:30Z",
            ]),
    ]

    @Test("expands hand-checked calendars", arguments: cases)
    func expands(_ example: Case) throws {
        let window = try schedule(
            example.start, example.zone, hours: example.hours, rule: example.rule, exceptions: example.exceptions)
        let found = window.occurrences(overlapping: utc(example.from)..<utc(example.to))
        #expect(found.map { "\($0.localStart) → \(utcText($0.start))" } == example.expected)
        for occurrence in found {
            #expect(occurrence.end.timeIntervalSince(occurrence.start) == TimeInterval(example.hours * 3600))
        }
    }

    @Test("an occurrence across a clock change lasts its real duration")
    func realDuration() throws {
        // 01:00 Rome on 29 March 2026 for 2 hours: 00:00Z to 02:00Z, which clocks show as 01:00 CET to 04:00 CEST.
        let window = try schedule("2026-03-22T01:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY")
        let occurrence = try #require(window.nextOccurrence(after: utc("2026-03-28T00:00Z")))
        #expect(utcText(occurrence.start) == "2026-03-29T00:00Z")
        #expect(utcText(occurrence.end) == "2026-03-29T02:00Z")
        #expect(LocalDateTime(occurrence.end, in: TestZones.rome) == local("2026-03-29T04:00"))
    }

    @Test("nothing before the start, even in the start's own week or month")
    func nothingBeforeStart() throws {
        let weekly = try schedule("2026-01-08T10:00", TestZones.utc, hours: 1, rule: "FREQ=WEEKLY;BYDAY=MO,TH")
        #expect(
            utcStarts(weekly.occurrences(overlapping: utc("2025-12-01T00:00Z")..<utc("2026-01-13T00:00Z")))
                == ["2026-01-08T10:00Z", "2026-01-12T10:00Z"])
        let monthly = try schedule("2026-01-15T10:00", TestZones.utc, hours: 1, rule: "FREQ=MONTHLY;BYMONTHDAY=1,15")
        #expect(
            utcStarts(monthly.occurrences(overlapping: utc("2026-01-01T00:00Z")..<utc("2026-02-02T00:00Z")))
                == ["2026-01-15T10:00Z", "2026-02-01T10:00Z"])
    }

    @Test("a window that started years ago answers for today from the right period")
    func longRunning() throws {
        let daily = try schedule(
            "2023-01-02T01:30", TestZones.newYork, hours: 1, rule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR")
        #expect(
            utcStarts(daily.occurrences(overlapping: utc("2026-03-06T00:00Z")..<utc("2026-03-10T00:00Z")))
                == ["2026-03-06T06:30Z", "2026-03-09T05:30Z"])
        let counted = try schedule("2023-01-01T01:30", TestZones.newYork, hours: 1, rule: "FREQ=DAILY;COUNT=2000")
        #expect(utcText(try #require(counted.lastEnd)) == "2028-06-22T06:30Z")
        #expect(counted.nextOccurrence(after: utc("2028-06-22T05:00Z"))?.localStart == local("2028-06-22T01:30"))
        #expect(counted.nextOccurrence(after: utc("2028-06-22T05:30Z")) == nil)
    }

    @Test(
        "absurd rules end: huge intervals, the end of year 9999, a century without an occurrence",
        arguments: [
            ("2026-01-05T01:00", "FREQ=DAILY;INTERVAL=9223372036854775807", ["2026-01-05T01:00Z"]),
            ("2026-01-05T01:00", "FREQ=WEEKLY;INTERVAL=9223372036854775807", ["2026-01-05T01:00Z"]),
            ("2026-01-05T01:00", "FREQ=MONTHLY;INTERVAL=9223372036854775807", ["2026-01-05T01:00Z"]),
            ("9999-12-30T01:00", "FREQ=DAILY", ["9999-12-30T01:00Z", "9999-12-31T01:00Z"]),
            ("9999-12-27T01:00", "FREQ=WEEKLY;BYDAY=MO,SU", ["9999-12-27T01:00Z"]),
            // Day 31 every 1,200 months: one occurrence a century.
            (
                "2026-01-31T01:00", "FREQ=MONTHLY;INTERVAL=1200;BYMONTHDAY=31",
                ["2026-01-31T01:00Z", "2126-01-31T01:00Z", "2226-01-31T01:00Z"]
            ),
        ] as [(String, String, [String])])
    func absurdRules(start: String, rule: String, expected: [String]) throws {
        let window = try schedule(start, TestZones.utc, hours: 1, rule: rule)
        let all = utc("2000-01-01T00:00Z")..<LocalDateTime(year: 9999, month: 12, day: 31, hour: 23)!.instant(in: .gmt)
        #expect(Array(utcStarts(window.occurrences(overlapping: all)).prefix(3)) == expected)
        #expect(window.nextOccurrence(after: all.upperBound) == nil)
    }

    @Test("a rule with a rare occurrence still finds it, and a limit stops the walk")
    func rareAndLimited() throws {
        // 29 February, every 12 months: 2028, 2032, 2036.
        let leap = try schedule(
            "2028-02-29T12:00", TestZones.utc, hours: 1, rule: "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=29")
        let next = try #require(leap.nextOccurrence(after: utc("2028-03-01T00:00Z")))
        #expect(utcText(next.start) == "2032-02-29T12:00Z")
        let forever = try schedule("2026-01-01T00:00", TestZones.utc, hours: 1, rule: "FREQ=DAILY")
        #expect(forever.occurrences(overlapping: utc("2026-01-01T00:00Z")..<Date.distantFuture, limit: 3).count == 3)
        #expect(forever.occurrences(overlapping: utc("2026-01-01T00:00Z")..<Date.distantFuture, limit: 0).isEmpty)
        #expect(forever.lastEnd == nil)
    }
}
