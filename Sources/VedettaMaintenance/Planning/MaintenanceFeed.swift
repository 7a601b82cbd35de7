public import Foundation

/// The maintenance windows as an iCalendar feed (`vedetta maintenance ics`, `GET /api/v1/maintenance.ics`) that
/// calendars subscribe to: one event per window, with its recurrence rule, its skipped dates and its time zone.
///
/// The feed shows the plan: an occurrence ended early or extended keeps its planned times there (the CLI and the
/// API show the adjusted ones).
public enum MaintenanceFeed {
    /// The feed of `windows`.
    /// - Parameters:
    ///   - windows: The windows (deleted ones are left out by the caller).
    ///   - calendarName: The calendar's name in subscribers' lists.
    ///   - now: The time of the feed (DTSTAMP).
    public static func render(_ windows: [MaintenanceWindow], calendarName: String, now: Date) -> String {
        let entries = windows.map { window in
            var description = ["Scope: \(window.definition.scope)", "Reason: \(window.definition.reason)"]
            description.append("Created by \(window.createdBy)")
            if case .configuration(let file) = window.origin { description.append("Defined in \(file)") }
            return CalendarEntry(
                uid: "maintenance-\(window.id)@vedetta",
                summary: "Maintenance #\(window.id): \(window.definition.reason)",
                description: description.joined(separator: "\n"),
                schedule: window.definition.schedule,
                created: window.createdAt,
                lastModified: window.updatedAt)
        }
        return ICalendarWriter.render(entries, calendarName: calendarName, now: now)
    }
}
