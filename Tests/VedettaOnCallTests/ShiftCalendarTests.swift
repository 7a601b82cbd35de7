import Foundation
import Testing
import VedettaMaintenance
import VedettaOnCall
import VedettaTestSupport

@Suite("On-call calendar feeds: one event per shift, read back by a real iCalendar parser")
struct ShiftCalendarTests {
    private typealias F = OnCallFixtures

    private static let script = #"""
        import sys
        from icalendar import Calendar
        calendar = Calendar.from_ical(open(sys.argv[1], 'rb').read())
        print("NAME", calendar.get('X-WR-CALNAME'))
        for event in calendar.walk('VEVENT'):
            start = event.decoded('DTSTART').strftime('%Y-%m-%dT%H:%M:%SZ')
            end = event.decoded('DTEND').strftime('%Y-%m-%dT%H:%M:%SZ')
            print(start, end, event.get('SUMMARY'), '|', event.get('DESCRIPTION'))
        """#

    @Test("icalendar reads every shift of a schedule feed with its UTC times, names and reasons")
    func pythonReadsTheFeed() throws {
        let roster = OnCallRoster(people: F.people, schedules: [F.noc()])
        let cover = F.substitution(4, "giulia", covers: "marco", from: "2026-12-01T18:00", to: "2026-12-02T09:00")
        let shifts = ShiftResolver.shifts(
            of: F.noc(), from: F.rome("2026-12-01T00:00"), to: F.rome("2026-12-02T00:00"), substitutions: [cover])
        let feed = ShiftCalendar.render(
            shifts, calendarName: "On call: noc (rete)", roster: roster, forPerson: false,
            now: F.rome("2026-12-01T00:00"))
        #expect(feed.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(feed.contains("PRODID:-//Vedetta//On-call//EN\r\n"))
        #expect(!feed.contains("@example.it"), "contact data stays out of calendars")

        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-oncall-ics")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("noc.ics")
        try Data(feed.utf8).write(to: file)
        let python = RepositoryPaths.virtualEnvironment.appendingPathComponent("bin/python").path
        let result = try ToolRunner.run(python, ["-c", Self.script, file.path], timeout: .seconds(60))
        try #require(result.status == 0, "python: \(result.standardError)")
        #expect(
            result.standardOutput.split(separator: "\n").map(String.init) == [
                "NAME On call: noc (rete)",
                "2026-11-30T23:00:00Z 2026-12-01T08:00:00Z On call: Marco | Marco on call for noc (layer round-the-clock)",
                "2026-12-01T08:00:00Z 2026-12-01T17:00:00Z On call: Anna | Anna on call for noc (layer office)",
                "2026-12-01T17:00:00Z 2026-12-01T23:00:00Z On call: Giulia | Giulia on call for noc, covering Marco "
                    + "(substitution 4)",
            ])
    }
}
