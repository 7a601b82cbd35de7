public import Foundation
import PostgresNIO
public import VedettaCore
public import VedettaIncidents
import VedettaStoreRows

extension PostgresIncidentStore: StoreHealth {
    /// Reads the vital signs in one read transaction (one snapshot); see ``StoreHealth/vitalSigns(at:)``.
    ///
    /// The signs are the SQLite store's, computed by the same queries: they describe the incident log and the
    /// outbox, not the storage, so a shared server's database size plays no part.
    ///
    /// - Parameter at: The current time.
    /// - Returns: Open incidents, pending notifications and the age of the oldest.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func vitalSigns(at: Date) async throws(StoreError) -> StoreVitalSigns {
        let now = StoredTime.milliseconds(at)
        return try await read("read the store's vital signs") { session in
            let open =
                try await session.value("SELECT COUNT(*) FROM incident WHERE restored_at IS NULL", as: Int.self) ?? 0
            let row = try await session.first(
                """
                SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM outbox \
                WHERE delivered_at IS NULL AND abandoned_at IS NULL
                """)
            let oldest = try row?["oldest", as: Int64?.self]
            return StoreVitalSigns(
                openIncidents: open,
                pendingNotifications: try row?["pending", as: Int.self] ?? 0,
                oldestPendingAge: oldest.map { .milliseconds(max(0, now - $0)) }
            )
        }
    }
}
