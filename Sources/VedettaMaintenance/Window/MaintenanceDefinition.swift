/// What a maintenance window is about: which alerts, when, and why. What people write and edit.
public struct MaintenanceDefinition: Sendable, Hashable {
    /// Which alerts it covers.
    public var scope: MaintenanceScope
    /// When it happens.
    public var schedule: MaintenanceSchedule
    /// Why: free text, usually with a ticket reference (`firmware upgrade, CHG-1234`).
    public var reason: String

    /// Creates a definition.
    public init(scope: MaintenanceScope, schedule: MaintenanceSchedule, reason: String) {
        self.scope = scope
        self.schedule = schedule
        self.reason = reason
    }
}
