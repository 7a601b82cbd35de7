public import Foundation
public import VedettaCore

/// The store's vital signs, for `/healthz` and `vedetta status`: whether it answers, what is open, and how far
/// behind delivery is.
public protocol StoreHealth: Sendable {
    /// Reads the vital signs in one read transaction.
    ///
    /// - Parameter at: The current time, for ages and leases.
    /// - Returns: The vital signs.
    /// - Throws: ``StoreError`` when the database cannot be read (the agent then reports itself degraded).
    func vitalSigns(at: Date) async throws(StoreError) -> StoreVitalSigns
}

/// What ``StoreHealth/vitalSigns(at:)`` reads.
public struct StoreVitalSigns: Sendable, Equatable {
    /// Incidents not yet restored (open or acknowledged).
    public var openIncidents: Int
    /// Notifications still to deliver, due or waiting for a retry (neither delivered nor abandoned).
    public var pendingNotifications: Int
    /// How long the oldest of them has waited, or `nil` when none is pending: a channel that is down shows here
    /// long before anyone misses a page.
    public var oldestPendingAge: Duration?

    /// Creates vital signs.
    public init(openIncidents: Int, pendingNotifications: Int, oldestPendingAge: Duration?) {
        self.openIncidents = openIncidents
        self.pendingNotifications = pendingNotifications
        self.oldestPendingAge = oldestPendingAge
    }
}
