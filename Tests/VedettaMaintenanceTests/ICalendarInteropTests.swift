import Foundation
import Testing
import VedettaTestSupport

@testable import VedettaMaintenance

/// Writes a feed, reads it back with the Python `icalendar` library, expands every event with `dateutil.rrule`
/// (once in the IANA zone from `zoneinfo`, once in the zone rebuilt from the feed's own `VTIMEZONE`), and
/// compares the occurrences with Vedetta's. Times stay clear of DST gaps and repeated hours (the DST Sundays of
/// the Rome window are exceptions): libraries differ there, and the unit tests pin Vedetta's reading.
@Suite("iCalendar interoperability")
struct ICalendarInteropTests {
    private static let range = utc("2026-01-01T00:00Z")..<utc("2027-06-30T00:00Z")
    private static let now = utc("2026-01-01T00:00Z")

    private static func entries() throws -> [CalendarEntry] {
        let windows: [(String, String, MaintenanceSchedule)] = [
            (
                "sunday-nights@vedetta.test", "Core network, Sunday night",
                try schedule(
                    "2026-01-04T02:00", TestZones.rome, hours: 2, rule: "FREQ=WEEKLY;BYDAY=SU",
                    exceptions: ["2026-03-29T02:00", "2026-10-25T02:00", "2027-03-28T02:00"])
            ),
            (
                "pbx-patch@vedetta.test", "PBX patch night; last Friday, 22:00",
                try schedule("2026-01-30T22:00", TestZones.rome, hours: 4, rule: "FREQ=MONTHLY;BYDAY=-1FR;COUNT=12")
            ),
            (
                "crm-backup@vedetta.test", "CRM database backup, working days",
                try schedule(
                    "2026-01-02T01:30", TestZones.newYork, hours: 1, rule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
                    exceptions: ["2026-07-03T01:30", "2026-12-25T01:30"])
            ),
            (
                "tokyo-fiber@vedetta.test", "Tokyo fibre splice",
                try schedule("2026-12-05T22:00", TestZones.tokyo, hours: 3)
            ),
            (
                "biweekly@vedetta.test", "Firewall rules review",
                try schedule(
                    "2026-01-05T23:00", TestZones.rome, hours: 1,
                    rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20261001")
            ),
            (
                "month-end@vedetta.test", "Month-end batch",
                try schedule("2026-01-31T23:00", TestZones.newYork, hours: 2, rule: "FREQ=MONTHLY;BYMONTHDAY=-1")
            ),
            (
                "day-31@vedetta.test", "Thirty-first",
                try schedule("2026-01-31T12:00", TestZones.utc, hours: 2, rule: "FREQ=MONTHLY;BYMONTHDAY=31")
            ),
        ]
        return windows.map { uid, summary, schedule in
            CalendarEntry(
                uid: uid, summary: summary, description: "Alerts muted, ticket OPS-1234, see runbook\nsection 2",
                schedule: schedule, created: now, lastModified: now)
        }
    }

    private static let script = #"""
        import sys
        from datetime import datetime, timezone
        from zoneinfo import ZoneInfo
        import icalendar
        from dateutil.rrule import rrulestr, rruleset

        path, low, high = sys.argv[1], datetime.fromisoformat(sys.argv[2]), datetime.fromisoformat(sys.argv[3])
        with open(path, "rb") as feed:
            calendar = icalendar.Calendar.from_ical(feed.read())
        embedded = {str(c["TZID"]): c.to_tz(lookup_tzid=False) for c in calendar.walk("VTIMEZONE")}

        def utc(moment):
            return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

        for event in calendar.walk("VEVENT"):
            uid = str(event["UID"])
            tzid = event["DTSTART"].params["TZID"]
            wall = event["DTSTART"].dt.replace(tzinfo=None)
            duration = event["DURATION"].dt
            excluded = event.get("EXDATE")
            groups = excluded if isinstance(excluded, list) else ([excluded] if excluded is not None else [])
            exdates = [d.dt.replace(tzinfo=None) for group in groups for d in group.dts]
            for source, tz in (("zoneinfo", ZoneInfo(tzid)), ("vtimezone", embedded[tzid])):
                start = wall.replace(tzinfo=tz)
                occurrences = rruleset()
                if "RRULE" in event:
                    occurrences.rrule(rrulestr(event["RRULE"].to_ical().decode(), dtstart=start))
                else:
                    occurrences.rdate(start)
                for exdate in exdates:
                    occurrences.exdate(exdate.replace(tzinfo=tz))
                for occurrence in occurrences:
                    begin = occurrence.astimezone(timezone.utc)
                    if begin >= high:
                        break
                    if begin + duration > low:
                        print(source, uid, utc(begin), utc(begin + duration))
        """#

    @Test("icalendar and dateutil read the same occurrences, with zoneinfo and with the feed's VTIMEZONEs")
    func pythonReadsTheSameOccurrences() throws {
        let entries = try Self.entries()
        let feed = ICalendarWriter.render(entries, calendarName: "Vedetta, maintenance", now: Self.now)
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-ics")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("maintenance.ics")
        try Data(feed.utf8).write(to: file)

        let python = RepositoryPaths.virtualEnvironment.appendingPathComponent("bin/python").path
        let isoFormat = Date.ISO8601FormatStyle()
        let result = try ToolRunner.run(
            python,
            [
                "-c", Self.script, file.path, Self.range.lowerBound.formatted(isoFormat),
                Self.range.upperBound.formatted(isoFormat),
            ],
            timeout: .seconds(120))
        try #require(result.status == 0, "python: \(result.standardError)")

        let expected = entries.flatMap { entry in
            entry.schedule.occurrences(overlapping: Self.range).map {
                "\(entry.uid) \($0.start.formatted(isoFormat)) \($0.end.formatted(isoFormat))"
            }
        }
        #expect(expected.count > 400)
        let printed = result.standardOutput.split(separator: "\n").map(String.init)
        for source in ["zoneinfo", "vtimezone"] {
            let read = printed.filter { $0.hasPrefix(source + " ") }.map { String($0.dropFirst(source.count + 1)) }
            #expect(read == expected, "\(source): \(Self.difference(read, expected))")
        }
    }

    /// The first few lines only one side has, for a readable failure.
    private static func difference(_ read: [String], _ expected: [String]) -> String {
        let onlyRead = read.filter { !expected.contains($0) }.prefix(5)
        let onlyExpected = expected.filter { !read.contains($0) }.prefix(5)
        return "only in Python: \(Array(onlyRead)); only in Vedetta: \(Array(onlyExpected))"
    }
}
