public import Foundation

/// A calendar event with a fixed start and end (`DTSTART`/`DTEND` in UTC), such as one on-call shift.
///
/// Unlike ``CalendarEntry`` it does not repeat and needs no `VTIMEZONE`: clients show it on their own clock.
public struct TimedCalendarEvent: Sendable, Hashable {
    /// A stable, globally unique identifier (`UID`): clients match updates to events by it.
    public var uid: String
    /// The event title (`SUMMARY`).
    public var summary: String
    /// Longer text (`DESCRIPTION`); left out when empty.
    public var description: String
    /// When it starts.
    public var start: Date
    /// When it ends; after ``start``.
    public var end: Date

    /// Creates an event.
    /// - Parameters:
    ///   - uid: A stable, globally unique identifier.
    ///   - summary: The title.
    ///   - description: Longer text; empty for none.
    ///   - start: When it starts.
    ///   - end: When it ends.
    public init(uid: String, summary: String, description: String = "", start: Date, end: Date) {
        self.uid = uid
        self.summary = summary
        self.description = description
        self.start = start
        self.end = end
    }
}

extension ICalendarWriter {
    /// A complete `VCALENDAR` of timed events (RFC 5545): `UID`, `DTSTAMP` (`now`), `SUMMARY`, `DESCRIPTION`
    /// (when not empty), and `DTSTART`/`DTEND` as UTC date-times. Lines end in CRLF and are folded at 75 octets;
    /// TEXT values are escaped.
    /// - Parameters:
    ///   - events: The events, in the order to write them.
    ///   - calendarName: The feed's name (`X-WR-CALNAME`), shown by clients.
    ///   - productIdentifier: The feed's `PRODID`, e.g. `-//Vedetta//On-call//EN`.
    ///   - now: The time of writing (`DTSTAMP`).
    /// - Returns: The feed text.
    public static func render(
        events: [TimedCalendarEvent], calendarName: String, productIdentifier: String, now: Date
    ) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:\(productIdentifier)",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:\(ICalendarText.escape(calendarName))",
        ]
        let stamp = LocalDateTime(now, in: .gmt).iCalendarText + "Z"
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:\(ICalendarText.escape(event.uid))",
                "DTSTAMP:\(stamp)",
                "SUMMARY:\(ICalendarText.escape(event.summary))",
            ]
            if !event.description.isEmpty { lines.append("DESCRIPTION:\(ICalendarText.escape(event.description))") }
            lines.append("DTSTART:\(LocalDateTime(event.start, in: .gmt).iCalendarText)Z")
            lines.append("DTEND:\(LocalDateTime(event.end, in: .gmt).iCalendarText)Z")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map { ICalendarText.fold($0) + "\r\n" }.joined()
    }
}
