import Foundation
import Testing

@testable import VedettaMaintenance

@Suite("LocalDateTime")
struct LocalDateTimeTests {
    @Test(
        "parses the written forms",
        arguments: [
            ("2026-12-05T22:00", LocalDateTime(year: 2026, month: 12, day: 5, hour: 22)),
            ("2026-12-05T22:00:30", LocalDateTime(year: 2026, month: 12, day: 5, hour: 22, second: 30)),
            ("2026-12-05 22:00", LocalDateTime(year: 2026, month: 12, day: 5, hour: 22)),
            ("20261205T220000", LocalDateTime(year: 2026, month: 12, day: 5, hour: 22)),
            ("20261205T220507", LocalDateTime(year: 2026, month: 12, day: 5, hour: 22, minute: 5, second: 7)),
            ("  2028-02-29T00:00 ", LocalDateTime(year: 2028, month: 2, day: 29)),
            ("0001-01-01T00:00", LocalDateTime(year: 1, month: 1, day: 1)),
            ("9999-12-31T23:59:59", LocalDateTime(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59)),
        ] as [(String, LocalDateTime?)]
    )
    func parsesValidForms(text: String, expected: LocalDateTime?) {
        #expect(expected != nil)
        #expect(LocalDateTime.parse(text) == expected)
    }

    @Test(
        "rejects what is not a real date and time",
        arguments: [
            "2026-02-30T10:00", "2027-02-29T10:00", "2026-04-31T10:00", "2026-12-05T24:00", "2026-12-05T23:60",
            "2026-12-05T23:59:60", "2026-13-01T00:00", "2026-00-10T00:00", "0000-01-01T00:00", "2026-12-05",
            "2026-12-05T22", "2026-12-05T22:00Z", "2026-12-05T22:00+01:00", "20261205T2200", "20261205 220000",
            "2026/12/05 22:00", "2026-12-5T22:00", "garbage", "", "2026-12-05T-1:00",
        ])
    func rejectsInvalidForms(text: String) {
        #expect(LocalDateTime.parse(text) == nil)
    }

    @Test("the initializer rejects out-of-range fields")
    func initializerRanges() {
        #expect(LocalDateTime(year: 2026, month: 2, day: 29) == nil)
        #expect(LocalDateTime(year: 2028, month: 2, day: 29) != nil)
        #expect(LocalDateTime(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDateTime(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDateTime(year: 2026, month: 12, day: 5, hour: 24) == nil)
        #expect(LocalDateTime(year: 2026, month: 12, day: 5, minute: -1) == nil)
        #expect(LocalDateTime(year: 10_000, month: 1, day: 1) == nil)
    }

    @Test("description writes seconds only when they are not zero")
    func description() {
        #expect(local("2026-12-05T22:00").description == "2026-12-05T22:00")
        #expect(local("2026-12-05T22:00:30").description == "2026-12-05T22:00:30")
        #expect(local("0042-01-02T03:04").description == "0042-01-02T03:04")
        #expect(local("2026-12-05T22:00:30").iCalendarText == "20261205T220030")
    }

    @Test(
        "weekday",
        arguments: [
            ("2026-12-05T22:00", Weekday.saturday), ("2026-03-29T02:00", .sunday), ("2026-10-25T02:00", .sunday),
            ("2026-03-08T02:00", .sunday), ("2026-11-01T01:30", .sunday), ("1970-01-01T00:00", .thursday),
            ("2000-02-29T00:00", .tuesday), ("2028-02-29T00:00", .tuesday), ("1969-12-31T00:00", .wednesday),
            ("0001-01-01T00:00", .monday),
        ] as [(String, Weekday)])
    func weekday(text: String, expected: Weekday) {
        #expect(local(text).weekday == expected)
    }

    @Test("orders by date, then time")
    func ordering() {
        #expect(local("2026-12-05T22:00") < local("2026-12-05T22:00:01"))
        #expect(local("2026-12-05T23:00") < local("2026-12-06T00:00"))
        #expect(local("2026-11-30T23:59") < local("2026-12-01T00:00"))
        #expect(!(local("2026-12-05T22:00") < local("2026-12-05T22:00")))
    }

    @Test(
        "instant(in:) on ordinary days and across DST, by RFC 5545 (gap: offset before it; repeated hour: first)",
        arguments: [
            // Europe/Rome: CET +01:00, CEST +02:00; 29 March 2026 02:00 → 03:00, 25 October 2026 03:00 → 02:00.
            ("2026-01-15T12:00", TestZones.rome, "2026-01-15T11:00Z"),
            ("2026-07-15T12:00", TestZones.rome, "2026-07-15T10:00Z"),
            ("2026-03-29T01:59", TestZones.rome, "2026-03-29T00:59Z"),
            ("2026-03-29T02:00", TestZones.rome, "2026-03-29T01:00Z"),  // gap: read as CET, i.e. 03:00 CEST
            ("2026-03-29T02:30", TestZones.rome, "2026-03-29T01:30Z"),  // gap: 03:30 CEST
            ("2026-03-29T03:00", TestZones.rome, "2026-03-29T01:00Z"),  // first time after the gap
            ("2026-10-25T01:59", TestZones.rome, "2026-10-24T23:59Z"),
            ("2026-10-25T02:00", TestZones.rome, "2026-10-25T00:00Z"),  // repeated: first, CEST
            ("2026-10-25T02:30", TestZones.rome, "2026-10-25T00:30Z"),  // repeated: first, CEST
            ("2026-10-25T03:00", TestZones.rome, "2026-10-25T02:00Z"),
            // America/New_York: EST -05:00, EDT -04:00; 8 March 2026 02:00 → 03:00, 1 November 2026 02:00 → 01:00.
            ("2026-03-08T01:59", TestZones.newYork, "2026-03-08T06:59Z"),
            ("2026-03-08T02:30", TestZones.newYork, "2026-03-08T07:30Z"),  // gap: read as EST, i.e. 03:30 EDT
            ("2026-03-08T03:00", TestZones.newYork, "2026-03-08T07:00Z"),
            ("2026-11-01T00:59", TestZones.newYork, "2026-11-01T04:59Z"),
            ("2026-11-01T01:30", TestZones.newYork, "2026-11-01T05:30Z"),  // repeated: first, EDT
            ("2026-11-01T02:00", TestZones.newYork, "2026-11-01T07:00Z"),
            ("2026-12-05T22:00", TestZones.tokyo, "2026-12-05T13:00Z"),
            ("2026-12-05T22:00", TestZones.utc, "2026-12-05T22:00Z"),
        ] as [(String, TimeZone, String)])
    func instant(text: String, zone: TimeZone, expected: String) {
        #expect(utcText(local(text).instant(in: zone)) == expected)
    }

    @Test(
        "init(_:in:) reads the wall clock, and gives each side of a fall-back its own reading",
        arguments: [
            ("2026-03-29T00:59:59Z", TestZones.rome, "2026-03-29T01:59:59"),
            ("2026-03-29T01:00:00Z", TestZones.rome, "2026-03-29T03:00"),
            ("2026-10-25T00:30:00Z", TestZones.rome, "2026-10-25T02:30"),
            ("2026-10-25T01:30:00Z", TestZones.rome, "2026-10-25T02:30"),
            ("2026-03-08T07:00:00Z", TestZones.newYork, "2026-03-08T03:00"),
            ("2026-11-01T05:30:00Z", TestZones.newYork, "2026-11-01T01:30"),
            ("2026-11-01T06:30:00Z", TestZones.newYork, "2026-11-01T01:30"),
            ("1969-12-31T23:59:59Z", TestZones.utc, "1969-12-31T23:59:59"),
            ("2026-12-31T20:00:00Z", TestZones.tokyo, "2027-01-01T05:00"),
        ] as [(String, TimeZone, String)])
    func wallClock(instant: String, zone: TimeZone, expected: String) {
        #expect(LocalDateTime(utc(instant), in: zone) == local(expected))
    }

    @Test(
        "instant and wall clock round-trip every hour of 2026 outside the gaps",
        arguments: [TestZones.rome, TestZones.newYork])
    func roundTrip(zone: TimeZone) {
        var instant = utc("2026-01-01T00:00Z")
        var mismatches: [String] = []
        while instant < utc("2027-01-01T00:00Z") {
            let wallClock = LocalDateTime(instant, in: zone)
            let back = wallClock.instant(in: zone)
            // Only the second pass through a repeated hour reads back as the first.
            if back != instant, back != instant - 3600 { mismatches.append("\(instant) → \(wallClock) → \(back)") }
            instant += 1800
        }
        #expect(mismatches.isEmpty)
    }

    @Test("extreme instants are clamped to years 1 and 9999")
    func clamping() {
        #expect(LocalDateTime(Date.distantFuture, in: TestZones.rome).year == 4001)
        #expect(LocalDateTime(Date(timeIntervalSince1970: 1e15), in: TestZones.rome) == local("9999-12-31T23:59:59"))
        #expect(LocalDateTime(Date(timeIntervalSince1970: -1e15), in: TestZones.rome) == local("0001-01-01T00:00"))
        #expect(LocalDateTime(Date(timeIntervalSince1970: .nan), in: TestZones.utc) == local("0001-01-01T00:00"))
    }
}
