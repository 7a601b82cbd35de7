public import Foundation

/// Every maintenance window the agent knows, asked which are in progress at an instant.
///
/// ``active(at:)`` does the calendar work (occurrences, time zones, adjustments) once and returns an
/// ``ActiveMaintenance`` that stays valid until the next window starts or ends; matching alerts against it is
/// then a label lookup, so thousands of alerts are matched against hundreds of windows in an evaluation cycle.
public struct MaintenanceCalendar: Sendable {
    /// The windows, by number.
    public let windows: [MaintenanceWindow]

    /// Creates a calendar.
    /// - Parameter windows: The windows (deleted ones are not given).
    public init(windows: [MaintenanceWindow]) {
        self.windows = windows.sorted { $0.id < $1.id }
    }

    /// The windows in progress at `instant`, valid until the first start or end after it.
    public func active(at instant: Date) -> ActiveMaintenance {
        // Never trust a snapshot for more than a day: a bound, not a schedule.
        var validUntil = instant.addingTimeInterval(86_400)
        var active: [ActiveWindow] = []
        for window in windows {
            guard let occurrence = window.firstOccurrence(endingAfter: instant) else { continue }
            if occurrence.start <= instant {
                active.append(ActiveWindow(window: window, occurrence: occurrence))
                validUntil = min(validUntil, occurrence.end)
            } else {
                validUntil = min(validUntil, occurrence.start)
            }
        }
        return ActiveMaintenance(instant: instant, validUntil: validUntil, active: active)
    }
}

/// A window in progress and its current occurrence.
public struct ActiveWindow: Sendable, Hashable {
    /// The window.
    public var window: MaintenanceWindow
    /// The occurrence in progress, with its end as adjusted.
    public var occurrence: Occurrence
}
