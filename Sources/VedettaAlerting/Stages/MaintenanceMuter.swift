public import Foundation
import Synchronization
public import VedettaMaintenance
public import VedettaRules

/// Mutes alerts whose labels match a maintenance window in progress: the first muter of the agent.
///
/// It keeps the calendar's snapshot of the windows in progress (``VedettaMaintenance/ActiveMaintenance``) until
/// the next window starts or ends, so asking about thousands of alerts in an evaluation cycle is a label lookup
/// each. The agent hands it a new calendar whenever windows change (``update(_:)``); the end of a window needs no
/// update: the snapshot expires by itself, and the next evaluation of a still-firing alert pages.
public final class MaintenanceMuter: Muter, Sendable {
    private struct State {
        var calendar: MaintenanceCalendar
        var snapshot: ActiveMaintenance?
    }

    private let state: Mutex<State>

    /// Creates a muter.
    /// - Parameter calendar: The windows known now.
    public init(calendar: MaintenanceCalendar = MaintenanceCalendar(windows: [])) {
        self.state = Mutex(State(calendar: calendar))
    }

    /// Replaces the windows (after a change by the CLI, the API or a file).
    public func update(_ calendar: MaintenanceCalendar) {
        state.withLock { $0 = State(calendar: calendar) }
    }

    /// The windows in progress at `instant`.
    public func active(at instant: Date) -> ActiveMaintenance {
        state.withLock { state in Self.snapshot(of: &state, at: instant) }
    }

    /// `maintenance #12 (reason)` when a window in progress covers `alert`'s labels.
    public func muteReason(for alert: Alert, at instant: Date) -> MuteReason? {
        state.withLock { state in
            // Matched under the lock: no copy of the snapshot per alert.
            guard let match = Self.snapshot(of: &state, at: instant).window(matching: alert.labels) else { return nil }
            return MuteReason(
                kind: MuteReason.maintenanceKind, detail: match.window.label, maintenanceWindowID: match.window.id)
        }
    }

    private static func snapshot(of state: inout State, at instant: Date) -> ActiveMaintenance {
        if let snapshot = state.snapshot, snapshot.holds(at: instant) { return snapshot }
        let snapshot = state.calendar.active(at: instant)
        state.snapshot = snapshot
        return snapshot
    }
}
