public import Foundation

/// Where a window stands at an instant.
public enum MaintenanceState: String, Sendable, Hashable, CaseIterable {
    /// An occurrence is in progress: matching alerts page nobody.
    case active
    /// No occurrence is in progress, but one is still to come.
    case upcoming
    /// Every occurrence is over.
    case over
}

extension MaintenanceWindow {
    /// Where the window stands at `instant`.
    public func state(at instant: Date) -> MaintenanceState {
        if occurrence(containing: instant) != nil { return .active }
        return nextOccurrence(after: instant) == nil ? .over : .upcoming
    }
}
