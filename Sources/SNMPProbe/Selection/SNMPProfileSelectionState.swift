import VedettaConfig
import VedettaCore

/// The cached profile selection of one device, and when it must be detected again. A pure value: time is a
/// parameter.
///
/// A selection is kept for ``lifetime`` (an hour by default), and dropped at once when a poll of the device
/// fails, since a device that went away may come back as another model.
struct SNMPProfileSelectionState: Sendable {
    /// One detection and what it selected.
    struct Selection: Sendable {
        /// The device's `sysObjectID.0`, or `nil` when it has none.
        var sysObjectID: OID?
        /// The selected profile names, in polling order.
        var profileNames: [String]
        /// When the device was asked.
        var detectedAt: ContinuousClock.Instant
    }

    /// How long a selection is used before the device is asked again.
    let lifetime: Duration
    /// The selection in use, if any.
    private(set) var current: Selection?
    /// The profile names of the last selection ever made, kept across invalidation to tell a change.
    private(set) var lastProfileNames: [String]?

    init(lifetime: Duration) {
        self.lifetime = lifetime
    }

    /// The selection to use at `now`, or `nil` when the device must be asked (none yet, or too old).
    func selection(at now: ContinuousClock.Instant) -> Selection? {
        guard let current, now - current.detectedAt < lifetime else { return nil }
        return current
    }

    /// Stores a fresh selection.
    /// - Returns: Whether the profile names differ from the previous selection (or there was none).
    mutating func record(_ selection: Selection) -> Bool {
        let changed = lastProfileNames != selection.profileNames
        current = selection
        lastProfileNames = selection.profileNames
        return changed
    }

    /// Forgets the selection so the next poll detects again (after the device failed).
    mutating func invalidate() {
        current = nil
    }
}
