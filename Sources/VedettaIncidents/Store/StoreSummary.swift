/// What a store, or a backup of one, holds: `vedetta store` reports it after a backup, a check or a restore.
public struct StoreSummary: Sendable, Equatable, Codable {
    /// The file.
    public var path: String
    /// Its size in bytes (the main file only).
    public var bytes: Int64
    /// Every incident, open or restored.
    public var incidents: Int
    /// Incidents not restored.
    public var openIncidents: Int
    /// Notifications neither delivered nor abandoned.
    public var pendingNotifications: Int
    /// Maintenance windows.
    public var maintenanceWindows: Int
    /// Users of the API and the console.
    public var users: Int
    /// The schema migrations the file has, oldest first.
    public var appliedMigrations: [String]
    /// The migrations this build has and the file lacks (the agent applies them when it starts).
    public var pendingMigrations: [String]
    /// `PRAGMA integrity_check`'s answer: `ok`, or the first problems it found.
    public var integrity: String

    /// Whether `PRAGMA integrity_check` found nothing wrong.
    public var isIntact: Bool { integrity == "ok" }

    /// Creates a summary.
    public init(
        path: String, bytes: Int64, incidents: Int, openIncidents: Int, pendingNotifications: Int,
        maintenanceWindows: Int, users: Int, appliedMigrations: [String], pendingMigrations: [String],
        integrity: String
    ) {
        self.path = path
        self.bytes = bytes
        self.incidents = incidents
        self.openIncidents = openIncidents
        self.pendingNotifications = pendingNotifications
        self.maintenanceWindows = maintenanceWindows
        self.users = users
        self.appliedMigrations = appliedMigrations
        self.pendingMigrations = pendingMigrations
        self.integrity = integrity
    }
}
