public import Foundation
public import VedettaMaintenance

/// What the maintenance routes need from the running agent: the planner that applies the rules, and a way to
/// make the agent see a change at once.
public struct MaintenanceAPI: Sendable {
    /// Creates, edits, ends, extends and deletes windows.
    public let planner: MaintenancePlanner
    /// The calendar's name in the iCalendar feed.
    public let calendarName: String
    /// Called after every change, so the agent reloads its windows without waiting for its next look.
    public let onChange: @Sendable () async -> Void
    /// The current time.
    public let now: @Sendable () -> Date

    /// Creates the maintenance side of the API.
    public init(
        planner: MaintenancePlanner,
        calendarName: String = "Vedetta maintenance",
        onChange: @escaping @Sendable () async -> Void = {},
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.planner = planner
        self.calendarName = calendarName
        self.onChange = onChange
        self.now = now
    }
}
