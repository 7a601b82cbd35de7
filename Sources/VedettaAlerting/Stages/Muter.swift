public import Foundation
public import VedettaRules

/// Decides whether an alert may page now: the first stage after an alert changes.
///
/// A muted alert still opens and restores its incident (the log stays complete), but nobody is paged, and the
/// incident's timeline says why. Each reason to mute is one small type: a maintenance window, a parent device
/// that is down, an acknowledgement. They are asked in order by ``MuteStage``; the first reason wins.
public protocol Muter: Sendable {
    /// Why `alert` may not page at `instant`, or `nil` when this muter lets it page.
    /// - Parameters:
    ///   - alert: The alert, with its labels (the device's labels included).
    ///   - instant: Now.
    /// - Returns: The reason, or `nil`.
    func muteReason(for alert: Alert, at instant: Date) -> MuteReason?
}

/// Why an alert may not page, as recorded on its incident.
public struct MuteReason: Sendable, Hashable, CustomStringConvertible {
    /// The kind of reason: `maintenance`, `dependency`, `acknowledged`.
    public var kind: String
    /// For people: `maintenance #12 (firmware upgrade, ticket CHG-1234)`.
    public var detail: String
    /// The maintenance window that mutes the alert, when that is the reason: the incident that opens is marked
    /// with it, as planned downtime.
    public var maintenanceWindowID: Int64?

    /// Creates a reason.
    public init(kind: String, detail: String, maintenanceWindowID: Int64? = nil) {
        self.kind = kind
        self.detail = detail
        self.maintenanceWindowID = maintenanceWindowID
    }

    /// The kind of a maintenance window's reason.
    public static let maintenanceKind = "maintenance"

    /// What the late page says when this reason no longer holds and the alert still fires.
    public var liftedDetail: String {
        kind == Self.maintenanceKind
            ? "still failing after \(detail) ended" : "no longer muted (was \(detail)); still firing"
    }

    /// `kind: detail`.
    public var description: String { "\(kind): \(detail)" }
}

/// The mute stage: asks each muter in order; the first reason wins. With no muters nothing is muted.
public struct MuteStage: Sendable {
    /// The muters, in the order they are asked.
    public var muters: [any Muter]

    /// Creates the stage.
    /// - Parameter muters: The muters, in order; empty means nothing is ever muted.
    public init(muters: [any Muter] = []) {
        self.muters = muters
    }

    /// The first muter's reason to mute `alert` at `instant`, or `nil`.
    public func muteReason(for alert: Alert, at instant: Date) -> MuteReason? {
        for muter in muters {
            if let reason = muter.muteReason(for: alert, at: instant) { return reason }
        }
        return nil
    }
}
