public import Foundation
import GRDB
public import VedettaCore
public import VedettaIncidents
import VedettaStoreRows

extension SQLiteIncidentStore: StoreHealth {
    /// Reads the vital signs in one read transaction; see ``StoreHealth/vitalSigns(at:)``.
    ///
    /// - Parameter at: The current time.
    /// - Returns: Open incidents, pending notifications and the age of the oldest.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func vitalSigns(at: Date) async throws(StoreError) -> StoreVitalSigns {
        let now = StoredTime.milliseconds(at)
        return try await read("read the store's vital signs") { db in
            let open = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incident WHERE restored_at IS NULL") ?? 0
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM outbox \
                    WHERE delivered_at IS NULL AND abandoned_at IS NULL
                    """)
            let oldest: Int64? = row?["oldest"]
            return StoreVitalSigns(
                openIncidents: open,
                pendingNotifications: row?["pending"] ?? 0,
                oldestPendingAge: oldest.map { .milliseconds(max(0, now - $0)) }
            )
        }
    }
}
