public import Foundation

/// One maintenance window as a calendar event (`VEVENT`).
public struct CalendarEntry: Sendable, Hashable {
    /// A stable, globally unique identifier (`UID`), e.g. `window-42@vedetta.example.net`: calendar clients match
    /// updates to events by it.
    public var uid: String
    /// The event title (`SUMMARY`).
    public var summary: String
    /// Longer text (`DESCRIPTION`); left out when empty.
    public var description: String
    /// When the window happens.
    public var schedule: MaintenanceSchedule
    /// When the window was created (`CREATED`).
    public var created: Date
    /// When the window last changed (`LAST-MODIFIED`).
    public var lastModified: Date

    /// Creates an entry.
    /// - Parameters:
    ///   - uid: A stable, globally unique identifier.
    ///   - summary: The event title.
    ///   - description: Longer text; empty for none.
    ///   - schedule: When the window happens.
    ///   - created: When the window was created.
    ///   - lastModified: When the window last changed.
    public init(
        uid: String, summary: String, description: String = "", schedule: MaintenanceSchedule, created: Date,
        lastModified: Date
    ) {
        self.uid = uid
        self.summary = summary
        self.description = description
        self.schedule = schedule
        self.created = created
        self.lastModified = lastModified
    }
}
