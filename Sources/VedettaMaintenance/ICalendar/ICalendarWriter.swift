public import Foundation

/// Writes maintenance windows as an iCalendar feed (RFC 5545) that calendar clients can subscribe to.
public enum ICalendarWriter {
    /// The `PRODID` of every feed.
    public static let productIdentifier = "-//Vedetta//Maintenance Windows//EN"

    /// A complete `VCALENDAR`: one `VTIMEZONE` per zone used, then one `VEVENT` per entry.
    ///
    /// Each event has `UID`, `DTSTAMP` (`now`), `CREATED`, `LAST-MODIFIED`, `SUMMARY`, `DESCRIPTION` (when not
    /// empty), `DTSTART;TZID=<IANA id>`, `DURATION` (in hours, minutes and seconds: exact time, as Vedetta
    /// measures a window), and `RRULE` and `EXDATE;TZID=…` when present. Each `VTIMEZONE` lists Foundation's
    /// transitions from a year before the zone's earliest start to `horizon` after `now` (or a year after its
    /// latest start, if later), or one `STANDARD` observance for a zone without clock changes. Lines end in CRLF
    /// and are folded at 75 octets; TEXT values are escaped.
    /// - Parameters:
    ///   - entries: The windows, in the order to write them.
    ///   - calendarName: The feed's name (`X-WR-CALNAME`), shown by clients.
    ///   - now: The time of writing (`DTSTAMP`).
    ///   - horizon: How far after `now` the time zone transitions go; `nil` for five years.
    /// - Returns: The feed text.
    public static func render(
        _ entries: [CalendarEntry], calendarName: String, now: Date, horizon: Duration? = nil
    ) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:\(productIdentifier)",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:\(ICalendarText.escape(calendarName))",
        ]
        let horizonEnd = horizon.map { now + $0.timeInterval } ?? yearsLater(5, than: now)
        for timeZone in timeZones(of: entries, horizonEnd: horizonEnd) { lines += timeZone.lines }
        for entry in entries { lines += eventLines(entry, now: now) }
        lines.append("END:VCALENDAR")
        return lines.map { ICalendarText.fold($0) + "\r\n" }.joined()
    }

    /// The lines of one `VEVENT`.
    private static func eventLines(_ entry: CalendarEntry, now: Date) -> [String] {
        let schedule = entry.schedule
        let zoneID = schedule.zone.identifier
        var lines = [
            "BEGIN:VEVENT",
            "UID:\(ICalendarText.escape(entry.uid))",
            "DTSTAMP:\(utcText(now))",
            "CREATED:\(utcText(entry.created))",
            "LAST-MODIFIED:\(utcText(entry.lastModified))",
            "SUMMARY:\(ICalendarText.escape(entry.summary))",
        ]
        if !entry.description.isEmpty { lines.append("DESCRIPTION:\(ICalendarText.escape(entry.description))") }
        lines.append("DTSTART;TZID=\(zoneID):\(schedule.start.iCalendarText)")
        lines.append("DURATION:\(durationText(schedule.duration))")
        if let rule = schedule.recurrence {
            lines.append("RRULE:\(rule)")
            if !schedule.exceptions.isEmpty {
                let dates = schedule.exceptions.sorted().map(\.iCalendarText).joined(separator: ",")
                lines.append("EXDATE;TZID=\(zoneID):\(dates)")
            }
        }
        lines.append("END:VEVENT")
        return lines
    }

    /// One `VTIMEZONE` per zone, ordered by identifier, each covering its entries.
    private static func timeZones(of entries: [CalendarEntry], horizonEnd: Date) -> [ICalendarTimeZone] {
        var starts: [String: (zone: TimeZone, earliest: Date, latest: Date)] = [:]
        for entry in entries {
            let zone = entry.schedule.zone
            let start = entry.schedule.start.instant(in: zone)
            let known = starts[zone.identifier]
            starts[zone.identifier] = (
                zone, min(start, known?.earliest ?? start), max(start, known?.latest ?? start)
            )
        }
        return starts.keys.sorted().compactMap { identifier in
            guard let used = starts[identifier] else { return nil }
            let from = yearsLater(-1, than: used.earliest)
            let through = max(horizonEnd, yearsLater(1, than: used.latest), from)
            return ICalendarTimeZone(zone: used.zone, covering: from...through)
        }
    }

    /// A UTC DATE-TIME: `20261205T210000Z`.
    private static func utcText(_ instant: Date) -> String {
        LocalDateTime(instant, in: .gmt).iCalendarText + "Z"
    }

    /// A DURATION value in exact time (RFC 5545 §3.3.6): `PT2H`, `PT1H30M`, `PT744H` (no `D`, which would be a
    /// nominal day, longer or shorter across a clock change). Fractions of a second are dropped.
    static func durationText(_ duration: Duration) -> String {
        let total = max(Int(duration.components.seconds), 0)
        let (hours, minutes, seconds) = (total / 3600, total % 3600 / 60, total % 60)
        var text = "PT"
        if hours > 0 { text += "\(hours)H" }
        if minutes > 0 { text += "\(minutes)M" }
        if seconds > 0 || total == 0 { text += "\(seconds)S" }
        return text
    }

    /// The same UTC wall-clock date `years` later (29 February becomes 28 February in other years).
    private static func yearsLater(_ years: Int, than instant: Date) -> Date {
        let utc = LocalDateTime(instant, in: .gmt)
        let year = min(max(utc.year + years, CivilCalendar.firstYear), CivilCalendar.lastYear)
        let day = min(utc.day, CivilCalendar.daysInMonth(year: year, month: utc.month))
        let shifted = LocalDateTime(
            dayNumber: CivilCalendar.dayNumber(year: year, month: utc.month, day: day), secondOfDay: utc.secondOfDay)
        return shifted.instant(in: .gmt)
    }
}
