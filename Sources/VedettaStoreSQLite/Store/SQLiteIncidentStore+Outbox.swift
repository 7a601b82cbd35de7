public import Foundation
import GRDB
public import VedettaIncidents

extension SQLiteIncidentStore {
    /// Returns undelivered entries due at `at`, oldest first; see ``IncidentStore/dueNotifications(at:limit:)``.
    ///
    /// - Parameters:
    ///   - at: The current time.
    ///   - limit: The maximum number of entries.
    /// - Returns: The due entries.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func dueNotifications(at: Date, limit: Int) async throws(StoreError) -> [OutboxEntry] {
        let now = StoredTime.milliseconds(at)
        let limit = max(0, limit)
        return try await read("read due notifications") { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= ? \
                    ORDER BY created_at, id LIMIT ?
                    """,
                arguments: [now, limit]
            )
            return try rows.map(IncidentRows.outboxEntry)
        }
    }

    /// Marks entry `id` delivered and adds a `notified` timeline event; see ``IncidentStore/markDelivered(_:at:)``.
    ///
    /// - Parameters:
    ///   - id: The outbox entry.
    ///   - at: When it was delivered.
    /// - Throws: ``StoreError`` with code `notFound` for an unknown entry, or a database error.
    public func markDelivered(_ id: Int64, at: Date) async throws(StoreError) {
        let now = StoredTime.milliseconds(at)
        try await write("mark notification delivered") { db in
            let entry = try Self.outboxEntry(db, id: id, operation: "mark notification delivered")
            guard entry.deliveredAt == nil else { return }
            try db.execute(sql: "UPDATE outbox SET delivered_at = ? WHERE id = ?", arguments: [now, id])
            let detail = "\(entry.channel) (\(entry.event))"
            try IncidentWrites.appendEvent(db, incident: entry.incidentID, kind: .notified, at: now, detail: detail)
        }
    }

    /// Records a failed attempt and schedules the next; see ``IncidentStore/markFailed(_:at:error:retryAt:)``.
    ///
    /// - Parameters:
    ///   - id: The outbox entry.
    ///   - at: When the attempt failed.
    ///   - error: Why it failed.
    ///   - retryAt: The earliest time of the next attempt.
    /// - Throws: ``StoreError`` with code `notFound` for an unknown entry, or a database error.
    public func markFailed(_ id: Int64, at: Date, error: String, retryAt: Date) async throws(StoreError) {
        let retry = StoredTime.milliseconds(retryAt)
        try await updateOpenEntry(id, at: at, operation: "mark notification failed", kind: .notificationFailed) {
            db,
            entry in
            try db.execute(
                sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                arguments: [error, retry, id]
            )
            return "\(entry.channel) (\(entry.event)), attempt \(entry.attempts + 1): \(error)"
        }
    }

    /// Gives up on an entry; see ``IncidentStore/abandon(_:at:reason:)``.
    ///
    /// - Parameters:
    ///   - id: The outbox entry.
    ///   - at: When the dispatcher gave up.
    ///   - reason: Why.
    /// - Throws: ``StoreError`` with code `notFound` for an unknown entry, or a database error.
    public func abandon(_ id: Int64, at: Date, reason: String) async throws(StoreError) {
        let now = StoredTime.milliseconds(at)
        try await updateOpenEntry(id, at: at, operation: "abandon notification", kind: .notificationAbandoned) {
            db,
            entry in
            try db.execute(
                sql: "UPDATE outbox SET abandoned_at = ?, last_error = ? WHERE id = ?",
                arguments: [now, reason, id]
            )
            return "\(entry.channel) (\(entry.event)): \(reason)"
        }
    }

    /// In one transaction: loads entry `id`, and unless it is already delivered or abandoned, applies `update`
    /// and adds a `kind` event with the detail `update` returns to the incident's timeline.
    private func updateOpenEntry(
        _ id: Int64,
        at: Date,
        operation: String,
        kind: IncidentEvent.Kind,
        update: @escaping @Sendable (Database, OutboxEntry) throws -> String
    ) async throws(StoreError) {
        let now = StoredTime.milliseconds(at)
        try await write(operation) { db in
            let entry = try Self.outboxEntry(db, id: id, operation: operation)
            guard entry.deliveredAt == nil, entry.abandonedAt == nil else { return }
            let detail = try update(db, entry)
            try IncidentWrites.appendEvent(db, incident: entry.incidentID, kind: kind, at: now, detail: detail)
        }
    }

    /// Counts undelivered entries; see ``IncidentStore/pendingNotificationCount()``.
    ///
    /// - Returns: The number of entries not delivered yet.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func pendingNotificationCount() async throws(StoreError) -> Int {
        try await read("count pending notifications") { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL") ?? 0
        }
    }

    private static func outboxEntry(_ db: Database, id: Int64, operation: String) throws -> OutboxEntry {
        guard let entry = try IncidentRows.outboxEntry(db, id: id) else {
            throw StoreError(.notFound, message: "there is no outbox entry \(id)", operation: operation)
        }
        return entry
    }
}
