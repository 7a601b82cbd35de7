import Foundation
import Testing

@testable import VedettaMaintenance

@Suite("ICalendarWriter")
struct ICalendarWriterTests {
    private let now = utc("2026-12-01T09:00:00Z")

    @Test("a one-off UTC window, exactly")
    func goldenOneOff() throws {
        let entry = CalendarEntry(
            uid: "window-1@vedetta.test", summary: "Core switch firmware upgrade",
            description: "Reboots sw-core-1; alerts for site=milano are muted.",
            schedule: try schedule("2026-12-05T22:00", TestZones.utc, hours: 2),
            created: utc("2026-11-20T08:30:00Z"), lastModified: utc("2026-11-21T10:15:30Z"))
        let expected = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Vedetta//Maintenance Windows//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Vedetta maintenance",
            "BEGIN:VTIMEZONE",
            "TZID:GMT",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0000",
            "TZOFFSETTO:+0000",
            "TZNAME:GMT",
            "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            "UID:window-1@vedetta.test",
            "DTSTAMP:20261201T090000Z",
            "CREATED:20261120T083000Z",
            "LAST-MODIFIED:20261121T101530Z",
            "SUMMARY:Core switch firmware upgrade",
            "DESCRIPTION:Reboots sw-core-1\\; alerts for site=milano are muted.",
            "DTSTART;TZID=GMT:20261205T220000",
            "DURATION:PT2H",
            "END:VEVENT",
            "END:VCALENDAR",
        ].map { $0 + "\r\n" }.joined()
        #expect(ICalendarWriter.render([entry], calendarName: "Vedetta maintenance", now: now) == expected)
    }

    @Test("a recurring Rome window has RRULE, EXDATE and a VTIMEZONE with Rome's real transitions")
    func recurringRome() throws {
        let entry = CalendarEntry(
            uid: "window-2@vedetta.test", summary: "Sunday night",
            schedule: try schedule(
                "2026-12-06T02:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;BYDAY=SU;COUNT=10",
                exceptions: ["2026-12-27T02:00", "2026-12-20T02:00"]),
            created: now, lastModified: now)
        let lines = ICalendarWriter.render([entry], calendarName: "Ops", now: now, horizon: .seconds(365 * 86_400))
            .components(separatedBy: "\r\n")
        #expect(lines.contains("DTSTART;TZID=Europe/Rome:20261206T020000"))
        #expect(lines.contains("RRULE:FREQ=WEEKLY;BYDAY=SU;COUNT=10"))
        #expect(lines.contains("EXDATE;TZID=Europe/Rome:20261220T020000,20261227T020000"))
        #expect(!lines.contains { $0.hasPrefix("DESCRIPTION") })
        // From a year before the start (6 December 2025) to a year after now: four changes, the 2026 ones
        // at 02:00 CET → 03:00 CEST on 29 March and 03:00 CEST → 02:00 CET on 25 October.
        let timeZone = Array(lines.drop { $0 != "BEGIN:VTIMEZONE" }.prefix { $0 != "END:VTIMEZONE" })
        #expect(
            timeZone == [
                "BEGIN:VTIMEZONE", "TZID:Europe/Rome",
                "BEGIN:DAYLIGHT", "DTSTART:20260329T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                "TZNAME:\(TestZones.rome.abbreviation(for: utc("2026-07-01T00:00Z"))!)", "END:DAYLIGHT",
                "BEGIN:STANDARD", "DTSTART:20261025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                "TZNAME:\(TestZones.rome.abbreviation(for: utc("2026-12-01T00:00Z"))!)", "END:STANDARD",
                "BEGIN:DAYLIGHT", "DTSTART:20270328T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                "TZNAME:\(TestZones.rome.abbreviation(for: utc("2027-07-01T00:00Z"))!)", "END:DAYLIGHT",
                "BEGIN:STANDARD", "DTSTART:20271031T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                "TZNAME:\(TestZones.rome.abbreviation(for: utc("2027-12-01T00:00Z"))!)", "END:STANDARD",
            ])
    }

    @Test("one VTIMEZONE per zone, ordered by identifier, before the events in their given order")
    func zonesOnce() throws {
        let entries = try [
            ("a", TestZones.rome), ("b", TestZones.tokyo), ("c", TestZones.rome), ("d", TestZones.newYork),
        ].map { uid, zone in
            CalendarEntry(
                uid: uid, summary: uid, schedule: try schedule("2026-12-06T02:00", zone, hours: 1), created: now,
                lastModified: now)
        }
        let lines = ICalendarWriter.render(entries, calendarName: "Ops", now: now).components(separatedBy: "\r\n")
        #expect(
            lines.filter { $0.hasPrefix("TZID:") } == ["TZID:America/New_York", "TZID:Asia/Tokyo", "TZID:Europe/Rome"])
        #expect(lines.filter { $0.hasPrefix("UID:") } == ["UID:a", "UID:b", "UID:c", "UID:d"])
        #expect(
            try #require(lines.lastIndex(of: "END:VTIMEZONE")) < (try #require(lines.firstIndex(of: "BEGIN:VEVENT"))))
        // Tokyo has no clock changes: one STANDARD observance at +0900.
        let tokyo = Array(lines.drop { $0 != "TZID:Asia/Tokyo" }.prefix { $0 != "END:VTIMEZONE" })
        #expect(tokyo.filter { $0.hasPrefix("BEGIN:") } == ["BEGIN:STANDARD"])
        #expect(tokyo.contains("TZOFFSETFROM:+0900") && tokyo.contains("TZOFFSETTO:+0900"))
        // The default horizon is five years: twelve New York changes from December 2025 to December 2031.
        let newYork = Array(lines.drop { $0 != "TZID:America/New_York" }.prefix { $0 != "END:VTIMEZONE" })
        #expect(newYork.filter { $0 == "BEGIN:DAYLIGHT" }.count == 6)
        #expect(newYork.filter { $0 == "BEGIN:STANDARD" }.count == 6)
        #expect(newYork.contains("DTSTART:20260308T020000") && newYork.contains("DTSTART:20261101T020000"))
        #expect(newYork.contains("DTSTART:20311102T020000"))
    }

    @Test("TEXT values escape backslash, semicolon, comma and line breaks, and drop other control characters")
    func escaping() {
        #expect(ICalendarText.escape(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
        #expect(ICalendarText.escape("one\ntwo\r\nthree\rfour") == #"one\ntwo\nthree\nfour"#)
        #expect(ICalendarText.escape("tab\there\u{07}bell:colon\"quote") == "tab\there" + "bell:colon\"quote")
        #expect(ICalendarText.escape("Manutenzione è già") == "Manutenzione è già")
    }

    @Test("a long SUMMARY with multibyte characters folds at 75 octets and unfolds to the original")
    func folding() throws {
        let summary =
            "Manutenzione programmata del centralino: aggiornamento firmware, riavvio dei gateway SIP — "
            + "perché è necessario 🛠️ sì; 日本語のテキストも含まれています、折り返しを確認する"
        let entry = CalendarEntry(
            uid: "fold@vedetta.test", summary: summary,
            schedule: try schedule("2026-12-05T22:00", TestZones.utc, hours: 1),
            created: now, lastModified: now)
        let text = ICalendarWriter.render([entry], calendarName: "Ops", now: now)
        #expect(text.hasSuffix("\r\n"))
        // Split the octets (not the characters) at CRLF: every physical line must be valid UTF-8 on its own.
        let physical = Self.octetLines(text)
        for line in physical {
            #expect(line.count <= 75, "\(line.count) octets")
            #expect(String(validating: line, as: UTF8.self) != nil, "a line break inside a UTF-8 sequence")
        }
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        let summaryLine = try #require(unfolded.first { $0.hasPrefix("SUMMARY:") })
        #expect(summaryLine == "SUMMARY:" + ICalendarText.escape(summary))
        #expect(physical.filter { $0.first == UInt8(ascii: " ") }.count >= 2)
    }

    /// The physical lines of a feed as octets, split at each CRLF (the last CRLF ends the last line).
    private static func octetLines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var octets = Array(text.utf8)[...]
        while let octet = octets.popFirst() {
            if octet == 13, octets.first == 10 {
                octets.removeFirst()
                lines.append(current)
                current = []
            } else {
                current.append(octet)
            }
        }
        return lines
    }

    @Test("folding breaks lines only between Unicode scalars", arguments: [1, 2, 3, 4])
    func foldingOctetBoundaries(octetsPerScalar: Int) {
        let scalar = ["a", "é", "€", "😀"][octetsPerScalar - 1]
        let line = "X:" + String(repeating: scalar, count: 200)
        let folded = ICalendarText.fold(line)
        let pieces = folded.components(separatedBy: "\r\n")
        for (index, piece) in pieces.enumerated() {
            #expect(piece.utf8.count <= 75)
            if index > 0 { #expect(piece.hasPrefix(" ")) }
            if index < pieces.count - 1 { #expect(piece.utf8.count > 75 - octetsPerScalar) }
        }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        #expect(ICalendarText.fold("SHORT:line") == "SHORT:line")
        #expect(ICalendarText.fold(String(repeating: "a", count: 75)) == String(repeating: "a", count: 75))
    }

    @Test("DURATION is exact time in hours, minutes and seconds")
    func durations() {
        #expect(ICalendarWriter.durationText(.seconds(7200)) == "PT2H")
        #expect(ICalendarWriter.durationText(.seconds(5400)) == "PT1H30M")
        #expect(ICalendarWriter.durationText(.seconds(90)) == "PT1M30S")
        #expect(ICalendarWriter.durationText(.seconds(31 * 86_400)) == "PT744H")
    }

    @Test("UTC offsets")
    func offsets() {
        #expect(ICalendarTimeZone.utcOffset(3600) == "+0100")
        #expect(ICalendarTimeZone.utcOffset(-18_000) == "-0500")
        #expect(ICalendarTimeZone.utcOffset(19_800) == "+0530")
        #expect(ICalendarTimeZone.utcOffset(0) == "+0000")
        #expect(ICalendarTimeZone.utcOffset(-(3600 + 1800 + 15)) == "-013015")
    }
}
