public import Logging
import PostgresNIO
public import VedettaCore
public import VedettaIncidents

extension PostgresIncidentStore {
    /// Connects and applies the migrations the database lacks.
    /// - Returns: The identifiers applied now, oldest first (empty when the schema was up to date).
    /// - Throws: ``StoreError`` as ``open(_:migrate:logger:)``.
    public static func migrate(_ settings: PostgresStoreConfiguration, logger: Logger) async throws(StoreError)
        -> [String]
    {
        let store = try await open(settings, migrate: false, allowOutdated: true, logger: logger)
        return try await PostgresMigrator(store: store).migrate()
    }

    /// What the database holds, its migrations and its size, for `vedetta store check`.
    public func summary() async throws(StoreError) -> StoreSummary {
        let migrator = PostgresMigrator(store: self)
        let applied = try await migrator.applied()
        let known = PostgresSchema.migrations.map(\.identifier)
        let pending = known.filter { !applied.contains($0) }
        let location = self.location
        let tablesExist = !applied.isEmpty
        return try await read("describe store") { session in
            let bytes = try await session.value("SELECT pg_database_size(current_database())", as: Int64.self) ?? 0
            guard tablesExist else {
                return StoreSummary(
                    path: location, bytes: bytes, incidents: 0, openIncidents: 0, pendingNotifications: 0,
                    maintenanceWindows: 0, users: 0, appliedMigrations: applied, pendingMigrations: pending,
                    integrity: "ok")
            }
            let row = try await session.first(
                """
                SELECT (SELECT count(*) FROM incident) AS incidents,
                    (SELECT count(*) FROM incident WHERE restored_at IS NULL) AS open_incidents,
                    (SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL
                        AND NOT withdrawn) AS pending,
                    (SELECT count(*) FROM maintenance_window WHERE deleted_at IS NULL) AS windows,
                    (SELECT count(*) FROM access_user) AS users
                """)
            func count(_ column: String) throws -> Int { Int(try row?[column, as: Int64.self] ?? 0) }
            return StoreSummary(
                path: location, bytes: bytes, incidents: try count("incidents"),
                openIncidents: try count("open_incidents"), pendingNotifications: try count("pending"),
                maintenanceWindows: try count("windows"), users: try count("users"), appliedMigrations: applied,
                pendingMigrations: pending, integrity: "ok")
        }
    }

    /// How many connections to this database agents and commands hold (`application_name` `vedetta`); the
    /// store's own are named otherwise when it was opened by ``PostgresStoreCopies``.
    func otherAgentConnections() async throws(StoreError) -> Int {
        try await read("count agents") { session in
            let count = try await session.value(
                """
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'vedetta'
                """, as: Int64.self)
            return Int(count ?? 0)
        }
    }
}
