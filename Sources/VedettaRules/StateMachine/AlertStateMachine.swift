public import Foundation
import VedettaCore

/// The life of one alert: `inactive → pending → firing → inactive`, driven by whether its condition holds.
///
/// - A condition that starts to hold makes the alert pending; once it has held for ``holdDuration`` (the rule's
///   `for`) the alert fires. With a hold duration of zero it fires at once.
/// - A pending alert whose condition stops holding returns to inactive silently: nobody heard of it.
/// - A firing alert whose condition stops holding is resolved and becomes inactive; with a ``keepFiringFor``
///   (the rule's `keep_firing_for`), only once the condition has not held for that long. Holding again before
///   then changes nothing: the alert never stopped firing.
///
/// The machine is pure: time is a parameter, so tests drive it with explicit instants and a restarted agent
/// rebuilds firing alerts with ``init(holdDuration:restoringFiringSince:activeSince:value:)`` and pending ones
/// with ``init(holdDuration:restoringPendingSince:value:)``.
public struct AlertStateMachine: Sendable, Hashable {
    /// Where the alert is in its life.
    public enum State: Sendable, Hashable {
        /// The condition does not hold.
        case inactive
        /// The condition has held since `since`, not yet for the hold duration.
        case pending(since: Date)
        /// The alert has fired at `since`; its condition started to hold at `activeSince`.
        case firing(since: Date, activeSince: Date)
    }

    /// How long the condition must hold before the alert fires. May change between observations (a reloaded rule);
    /// a pending alert then fires by the new duration.
    public var holdDuration: Duration
    /// How long a firing alert keeps firing after its condition stopped holding. May change between observations.
    public var keepFiringFor: Duration = .zero
    /// The current state.
    public private(set) var state: State
    /// The value of the last observation that held, or `nil` before the first.
    public private(set) var value: Double?
    /// For a firing alert kept firing: when its condition stopped holding.
    public private(set) var quietSince: Date?

    /// Creates an inactive machine.
    ///
    /// - Parameter holdDuration: The rule's `for`.
    public init(holdDuration: Duration) {
        self.holdDuration = holdDuration
        self.state = .inactive
        self.value = nil
    }

    /// Creates a machine that is already firing, to rebuild an alert from an open incident after a restart.
    ///
    /// The next observation that holds changes nothing; one that does not hold resolves the alert.
    ///
    /// - Parameters:
    ///   - holdDuration: The rule's `for`, used the next time the condition starts to hold.
    ///   - firingSince: When the alert started firing.
    ///   - activeSince: When its condition started to hold, if known; defaults to `firingSince`.
    ///   - value: The last known value, if any.
    public init(
        holdDuration: Duration = .zero,
        restoringFiringSince firingSince: Date,
        activeSince: Date? = nil,
        value: Double? = nil
    ) {
        self.holdDuration = holdDuration
        self.state = .firing(since: firingSince, activeSince: activeSince ?? firingSince)
        self.value = value
    }

    /// Creates a machine that is already pending, to rebuild a pending alert saved when the agent stopped.
    ///
    /// The alert fires at the first observation that holds once `holdDuration` has passed since `pendingSince`,
    /// as if the agent had never stopped; one that does not hold returns it to inactive, silently.
    ///
    /// - Parameters:
    ///   - holdDuration: The rule's `for`.
    ///   - pendingSince: When the condition started to hold.
    ///   - value: The last known value, if any.
    public init(holdDuration: Duration, restoringPendingSince pendingSince: Date, value: Double? = nil) {
        self.holdDuration = holdDuration
        self.state = .pending(since: pendingSince)
        self.value = value
    }

    /// Whether the alert is firing.
    public var isFiring: Bool {
        if case .firing = state { true } else { false }
    }

    /// When the condition started to hold, for a pending or firing alert.
    public var activeSince: Date? {
        switch state {
        case .inactive: nil
        case .pending(let since): since
        case .firing(_, let activeSince): activeSince
        }
    }

    /// When the alert started firing, for a firing alert.
    public var firingSince: Date? {
        if case .firing(let since, _) = state { since } else { nil }
    }

    /// Feeds one evaluation of the alert's condition.
    ///
    /// - Parameters:
    ///   - holds: Whether the condition holds for the alert's series.
    ///   - value: The series value (kept for templates; ignored when `holds` is false).
    ///   - instant: When the evaluation took place.
    /// - Returns: The transition, or `nil` when nothing that anybody should hear about changed
    ///   (still pending, still firing, still inactive, or pending that went back to inactive).
    public mutating func observe(holds: Bool, value: Double, at instant: Date) -> AlertTransition? {
        if holds { self.value = value }
        switch (state, holds) {
        case (.inactive, false):
            return nil
        case (.firing, true):
            quietSince = nil
            return nil
        case (.inactive, true):
            state = .pending(since: instant)
            return holdDuration <= .zero ? fire(at: instant, activeSince: instant) : .pending
        case (.pending(let since), true):
            return instant.timeIntervalSince(since) >= holdDuration.seconds
                ? fire(at: instant, activeSince: since) : nil
        case (.pending, false):
            state = .inactive
            return nil
        case (.firing, false):
            let quiet = quietSince ?? instant
            guard instant.timeIntervalSince(quiet) >= keepFiringFor.seconds else {
                quietSince = quiet
                return nil
            }
            return end()
        }
    }

    /// Ends the alert now, whatever ``keepFiringFor`` says: its rule or device was removed.
    ///
    /// - Returns: ``AlertTransition/resolved`` for a firing alert; `nil` otherwise.
    public mutating func end() -> AlertTransition? {
        let wasFiring = isFiring
        state = .inactive
        quietSince = nil
        return wasFiring ? .resolved : nil
    }

    private mutating func fire(at instant: Date, activeSince: Date) -> AlertTransition {
        state = .firing(since: instant, activeSince: activeSince)
        quietSince = nil
        return .firing(since: instant)
    }
}
