import Foundation
import Testing

@testable import VedettaMaintenance

@Suite("RecurrenceRule parsing")
struct RecurrenceRuleParsingTests {
    @Test(
        "valid rules and their canonical text",
        arguments: [
            ("FREQ=WEEKLY;BYDAY=SU", "FREQ=WEEKLY;BYDAY=SU"),
            ("RRULE:FREQ=WEEKLY;BYDAY=SU", "FREQ=WEEKLY;BYDAY=SU"),
            ("rrule:freq=weekly;byday=su", "FREQ=WEEKLY;BYDAY=SU"),
            ("BYDAY=TH,MO;INTERVAL=2;FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"),
            ("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,MO", "FREQ=WEEKLY;BYDAY=MO"),
            ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"),
            ("FREQ=DAILY", "FREQ=DAILY"),
            ("FREQ=DAILY;INTERVAL=3;COUNT=10", "FREQ=DAILY;INTERVAL=3;COUNT=10"),
            ("FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR"),
            ("FREQ=MONTHLY;BYDAY=+1SU", "FREQ=MONTHLY;BYDAY=1SU"),
            ("FREQ=MONTHLY;BYDAY=-1FR,1SU,2TU", "FREQ=MONTHLY;BYDAY=2TU,-1FR,1SU"),
            ("FREQ=MONTHLY;BYDAY=5MO,-5MO", "FREQ=MONTHLY;BYDAY=-5MO,5MO"),
            ("FREQ=MONTHLY;BYMONTHDAY=-1,15,1,-2", "FREQ=MONTHLY;BYMONTHDAY=1,15,-1,-2"),
            ("FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=FR", "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=31"),
            ("FREQ=MONTHLY;COUNT=12;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=12"),
            ("FREQ=WEEKLY;WKST=MO;BYDAY=SU", "FREQ=WEEKLY;BYDAY=SU"),
            ("FREQ=WEEKLY;BYDAY=SU;", "FREQ=WEEKLY;BYDAY=SU"),
            (" FREQ = WEEKLY ; BYDAY = SU ", "FREQ=WEEKLY;BYDAY=SU"),
            ("FREQ=WEEKLY;UNTIL=20270101T000000Z", "FREQ=WEEKLY;UNTIL=20270101T000000Z"),
            // Local and date UNTIL are read in Europe/Rome (CET, +01:00) and written in UTC.
            ("FREQ=WEEKLY;UNTIL=20270101T000000", "FREQ=WEEKLY;UNTIL=20261231T230000Z"),
            ("FREQ=WEEKLY;UNTIL=20270101", "FREQ=WEEKLY;UNTIL=20270101T225959Z"),
            ("FREQ=WEEKLY;UNTIL=20270701T020000", "FREQ=WEEKLY;UNTIL=20270701T000000Z"),
        ])
    func valid(text: String, canonical: String) throws {
        let rule = try RecurrenceRule.parse(text, in: TestZones.rome)
        #expect(rule.description == canonical)
        #expect(try RecurrenceRule.parse(canonical, in: TestZones.rome) == rule)
    }

    @Test("parsed fields")
    func fields() throws {
        let rule = try RecurrenceRule.parse("FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR,MO;BYMONTHDAY=3;COUNT=4", in: .gmt)
        #expect(rule.frequency == .monthly)
        #expect(rule.interval == 2)
        #expect(rule.byDay == [.init(weekday: .monday), .init(ordinal: -1, weekday: .friday)])
        #expect(rule.byMonthDay == [3])
        #expect(rule.end == .count(4))
        let until = try RecurrenceRule.parse("FREQ=DAILY;UNTIL=20261115T010000Z", in: TestZones.rome)
        #expect(until.end == .until(utc("2026-11-15T01:00Z")))
        #expect(try RecurrenceRule.parse("FREQ=DAILY", in: .gmt).end == .never)
    }

    @Test(
        "invalid rules name the part and what is wrong",
        arguments: [
            ("", "FREQ is required"),
            ("RRULE:", "FREQ is required"),
            ("BYDAY=SU", "FREQ is required"),
            ("FREQ=YEARLY", #"FREQ: "YEARLY" is not supported (use DAILY, WEEKLY or MONTHLY)"#),
            ("FREQ=HOURLY", #"FREQ: "HOURLY" is not supported (use DAILY, WEEKLY or MONTHLY)"#),
            (
                "FREQ=WEEKLY;BYDAY=XX",
                #"BYDAY: "XX" is not a weekday (use MO, TU, WE, TH, FR, SA, SU, with an optional ordinal such as 1SU or -1FR)"#
            ),
            (
                "FREQ=WEEKLY;BYDAY=SU,",
                #"BYDAY: "" is not a weekday (use MO, TU, WE, TH, FR, SA, SU, with an optional ordinal such as 1SU or -1FR)"#
            ),
            (
                "FREQ=MONTHLY;BYDAY=FIRSTSU",
                #"BYDAY: "FIRSTSU" is not a weekday (use MO, TU, WE, TH, FR, SA, SU, with an optional ordinal such as 1SU or -1FR)"#
            ),
            (
                "FREQ=WEEKLY;BYHOUR=2",
                #"unknown part "BYHOUR" (supported: FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL)"#
            ),
            (
                "FREQ=WEEKLY;BYSETPOS=1",
                #"unknown part "BYSETPOS" (supported: FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL)"#
            ),
            ("FREQ=WEEKLY;COUNT=3;UNTIL=20270101T000000Z", "COUNT and UNTIL cannot both be given"),
            ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL must be a whole number of at least 1"),
            ("FREQ=WEEKLY;INTERVAL=-1", "INTERVAL must be a whole number of at least 1"),
            ("FREQ=WEEKLY;INTERVAL=two", "INTERVAL must be a whole number of at least 1"),
            ("FREQ=WEEKLY;INTERVAL=1.5", "INTERVAL must be a whole number of at least 1"),
            ("FREQ=WEEKLY;BYDAY=1SU", "BYDAY ordinals (1SU, -1FR) need FREQ=MONTHLY"),
            ("FREQ=DAILY;BYDAY=-1FR", "BYDAY ordinals (1SU, -1FR) need FREQ=MONTHLY"),
            (
                "FREQ=MONTHLY;BYDAY=6SU",
                #"BYDAY: "6SU" has an ordinal outside 1…5 and -5…-1 (the nth weekday of a month)"#
            ),
            (
                "FREQ=MONTHLY;BYDAY=0SU",
                #"BYDAY: "0SU" has an ordinal outside 1…5 and -5…-1 (the nth weekday of a month)"#
            ),
            (
                "FREQ=MONTHLY;BYDAY=-6FR",
                #"BYDAY: "-6FR" has an ordinal outside 1…5 and -5…-1 (the nth weekday of a month)"#
            ),
            (
                "FREQ=MONTHLY;BYMONTHDAY=0",
                #"BYMONTHDAY: "0" is not a day of the month (use 1 to 31, or -1 to -31 to count from the month's end)"#
            ),
            (
                "FREQ=MONTHLY;BYMONTHDAY=32",
                #"BYMONTHDAY: "32" is not a day of the month (use 1 to 31, or -1 to -31 to count from the month's end)"#
            ),
            (
                "FREQ=MONTHLY;BYMONTHDAY=-32",
                #"BYMONTHDAY: "-32" is not a day of the month (use 1 to 31, or -1 to -31 to count from the month's end)"#
            ),
            (
                "FREQ=MONTHLY;BYMONTHDAY=last",
                #"BYMONTHDAY: "LAST" is not a day of the month (use 1 to 31, or -1 to -31 to count from the month's end)"#
            ),
            ("FREQ=WEEKLY;FREQ=DAILY", "FREQ is given twice"),
            ("FREQ=WEEKLY;BYDAY=SU;byday=MO", "BYDAY is given twice"),
            ("FREQ=WEEKLY;COUNT=0", "COUNT must be a whole number of at least 1"),
            ("FREQ=WEEKLY;COUNT=", "COUNT must be a whole number of at least 1"),
            (
                "FREQ=WEEKLY;UNTIL=2027",
                #"UNTIL: "2027" is not a date-time (use 20270101T000000Z in UTC, 20270101T000000 in the window's zone, or the date 20270101)"#
            ),
            (
                "FREQ=WEEKLY;UNTIL=20270230",
                #"UNTIL: "20270230" is not a date-time (use 20270101T000000Z in UTC, 20270101T000000 in the window's zone, or the date 20270101)"#
            ),
            (
                "FREQ=WEEKLY;UNTIL=2027-01-01T00:00Z",
                #"UNTIL: "2027-01-01T00:00Z" is not a date-time (use 20270101T000000Z in UTC, 20270101T000000 in the window's zone, or the date 20270101)"#
            ),
            (
                "FREQ=WEEKLY;WKST=SU",
                #"WKST: "SU" is not supported (weeks start on Monday: leave WKST out or write MO)"#
            ),
            ("FREQ=WEEKLY;BYDAY", #""BYDAY" is not a NAME=VALUE part (e.g. FREQ=WEEKLY)"#),
        ])
    func invalid(text: String, message: String) {
        #expect(throws: ScheduleError(field: "rrule", message: message)) {
            try RecurrenceRule.parse(text, in: TestZones.rome)
        }
    }

    @Test("an error reads field: message")
    func errorDescription() {
        #expect(
            ScheduleError(field: "rrule", message: "FREQ is required").description == "rrule: FREQ is required")
    }

    @Test("the initializer checks what parse checks")
    func initializerValidates() throws {
        #expect(throws: ScheduleError.rule("INTERVAL must be a whole number of at least 1")) {
            try RecurrenceRule(frequency: .daily, interval: 0)
        }
        #expect(throws: ScheduleError.rule("BYDAY ordinals (1SU, -1FR) need FREQ=MONTHLY")) {
            try RecurrenceRule(frequency: .weekly, byDay: [.init(ordinal: 1, weekday: .sunday)])
        }
        #expect(throws: ScheduleError.rule("COUNT must be a whole number of at least 1")) {
            try RecurrenceRule(frequency: .weekly, end: .count(0))
        }
        let rule = try RecurrenceRule(
            frequency: .weekly, interval: 2, byDay: [.init(weekday: .thursday), .init(weekday: .monday)])
        #expect(rule == (try RecurrenceRule.parse("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", in: .gmt)))
    }

    @Test("weekday codes")
    func weekdayCodes() {
        #expect(Weekday.allCases.map(\.code) == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"])
        #expect(Weekday(code: "su") == .sunday)
        #expect(Weekday(code: "XX") == nil)
        #expect(Weekday.monday < Weekday.sunday)
    }
}
