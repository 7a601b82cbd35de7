public import Foundation

/// A change of an alert's state reported by ``AlertStateMachine``.
public enum AlertTransition: Sendable, Hashable {
    /// The condition started to hold; the alert waits for its hold duration (`for`).
    case pending
    /// The alert fires; `since` is when it started firing.
    case firing(since: Date)
    /// A firing alert's condition no longer holds.
    case resolved
}
