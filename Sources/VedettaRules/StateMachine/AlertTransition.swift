public import Foundation

/// A change of an alert's state reported by ``AlertStateMachine``, or by ``AlertTracker`` for flapping.
public enum AlertTransition: Sendable, Hashable {
    /// The condition started to hold; the alert waits for its hold duration (`for`).
    case pending
    /// The alert fires; `since` is when it started firing.
    case firing(since: Date)
    /// A firing alert's condition no longer holds.
    case resolved
    /// The alert changed state too often (its rule's ``FlappingPolicy``): it stays firing, and its
    /// resolutions and firings are held back until it settles.
    case flapping(since: Date)
    /// A flapping alert's condition has held steadily for the policy's `settle`: it keeps firing as usual. (One
    /// whose condition has steadily not held is ``resolved`` instead.)
    case settled
}
