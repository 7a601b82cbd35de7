public import Foundation
import GRDB
public import VedettaCore
public import VedettaIncidents
import VedettaStoreRows

extension SQLiteIncidentStore: OutboxQueue {
    /// The entries that can be claimed at `:now`: pending, due, under no running lease (not even the claimant's
    /// own: an entry still claimed after its delivery was settled means the bookkeeping failed, and it waits for
    /// its lease to run out rather than being sent again at once), and the oldest undelivered entry of their
    /// (incident, channel, recipient) chain; oldest first.
    private static let claimableSQL = """
        SELECT o.* FROM outbox o \
        WHERE o.delivered_at IS NULL AND o.abandoned_at IS NULL AND o.next_attempt_at <= :now \
        AND (o.claimed_by IS NULL OR o.claim_expires_at <= :now) \
        AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.incident_id = o.incident_id AND p.channel = o.channel \
        AND p.recipient = o.recipient AND p.id < o.id AND p.delivered_at IS NULL AND p.abandoned_at IS NULL) \
        ORDER BY o.created_at, o.id LIMIT :limit
        """

    /// Claims due entries for `owner`; see ``OutboxQueue/claimDue(by:at:lease:limit:)``.
    ///
    /// - Parameters:
    ///   - owner: The dispatcher claiming them.
    ///   - at: The current time.
    ///   - lease: How long the claim holds.
    ///   - limit: The most entries to claim.
    /// - Returns: The claimed entries, oldest first.
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    public func claimDue(by owner: String, at: Date, lease: Duration, limit: Int) async throws(StoreError)
        -> [OutboxEntry]
    {
        let now = StoredTime.milliseconds(at)
        let expires = StoredTime.milliseconds(at.addingTimeInterval(lease.seconds))
        let limit = max(0, limit)
        return try await write("claim due notifications") { db in
            let rows = try Row.fetchAll(
                db, sql: Self.claimableSQL, arguments: ["now": now, "limit": limit])
            var claimed: [OutboxEntry] = []
            for row in rows {
                var entry = try IncidentRowFormat.outboxEntry(row.columns)
                try db.execute(
                    sql: "UPDATE outbox SET claimed_by = ?, claim_expires_at = ? WHERE id = ?",
                    arguments: [owner, expires, entry.id]
                )
                entry.claimedBy = owner
                entry.claimExpiresAt = StoredTime.date(expires)
                claimed.append(entry)
            }
            return claimed
        }
    }

    /// Returns the entries due at `at` without claiming them; see ``OutboxQueue/dueNotifications(at:limit:)``.
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
                db, sql: Self.claimableSQL, arguments: ["now": now, "limit": limit])
            return try rows.map { try IncidentRowFormat.outboxEntry($0.columns) }
        }
    }

    /// Marks entry `id` delivered and adds a `notified` timeline event; see
    /// ``OutboxQueue/markDelivered(_:by:at:)``.
    ///
    /// - Parameters:
    ///   - id: The outbox entry.
    ///   - owner: The owner of the claim.
    ///   - at: When it was delivered.
    /// - Throws: ``StoreError`` with code `notFound`, `conflict` (claim lost), or a database error.
    public func markDelivered(_ id: Int64, by owner: String, at: Date) async throws(StoreError) {
        try await settle(id, by: owner, at: at, operation: "mark notification delivered", kind: .notified) {
            db, entry, now in
            try db.execute(
                sql: "UPDATE outbox SET delivered_at = ?, claimed_by = NULL, claim_expires_at = NULL WHERE id = ?",
                arguments: [now, id]
            )
            return "\(entry.channel) (\(entry.event))"
        }
    }

    /// Records a failed attempt, schedules the next and releases the claim; see
    /// ``OutboxQueue/markFailed(_:by:at:error:retryAt:)``.
    ///
    /// - Parameters:
    ///   - id: The outbox entry.
    ///   - owner: The owner of the claim.
    ///   - at: When the attempt failed.
    ///   - error: Why it failed.
    ///   - retryAt: The earliest time of the next attempt.
    /// - Throws: ``StoreError`` with code `notFound`, `conflict` (claim lost), or a database error.
    public func markFailed(_ id: Int64, by owner: String, at: Date, error: String, retryAt: Date)
        async throws(StoreError)
    {
        let retry = StoredTime.milliseconds(retryAt)
        try await settle(id, by: owner, at: at, operation: "mark notification failed", kind: .notificationFailed) {
            db, entry, now in
            try db.execute(
                sql: """
                    UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claimed_by = NULL, \
                    claim_expires_at = NULL WHERE id = ?
                    """,
                arguments: [error, retry, id]
            )
            try IncidentWrites.queueFallback(db, of: entry, failures: entry.attempts + 1, at: now)
            return "\(entry.channel) (\(entry.event)), attempt \(entry.attempts + 1): \(error)"
        }
    }

    /// Gives up on an entry; see ``OutboxQueue/abandon(_:by:at:reason:)``.
    ///
    /// - Parameters:
    ///   - id: The outbox entry.
    ///   - owner: The owner of the claim.
    ///   - at: When the dispatcher gave up.
    ///   - reason: Why.
    /// - Throws: ``StoreError`` with code `notFound`, `conflict` (claim lost), or a database error.
    public func abandon(_ id: Int64, by owner: String, at: Date, reason: String) async throws(StoreError) {
        try await settle(id, by: owner, at: at, operation: "abandon notification", kind: .notificationAbandoned) {
            db, entry, now in
            try db.execute(
                sql: """
                    UPDATE outbox SET abandoned_at = ?, last_error = ?, claimed_by = NULL, claim_expires_at = NULL \
                    WHERE id = ?
                    """,
                arguments: [now, reason, id]
            )
            try IncidentWrites.queueFallback(db, of: entry, failures: nil, at: now)
            return "\(entry.channel) (\(entry.event)): \(reason)"
        }
    }

    /// Counts undelivered entries; see ``OutboxQueue/pendingNotificationCount()``.
    ///
    /// - Returns: The number of entries neither delivered nor abandoned.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func pendingNotificationCount() async throws(StoreError) -> Int {
        try await read("count pending notifications") { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL") ?? 0
        }
    }

    /// In one transaction: loads entry `id`; unless it is already delivered or abandoned, checks that `owner` may
    /// settle it (it holds the claim, or nobody holds a running one), applies `update` and adds a `kind` event
    /// with the detail `update` returns to the incident's timeline.
    private func settle(
        _ id: Int64,
        by owner: String,
        at: Date,
        operation: String,
        kind: IncidentEvent.Kind,
        update: @escaping @Sendable (Database, OutboxEntry, Int64) throws -> String
    ) async throws(StoreError) {
        let now = StoredTime.milliseconds(at)
        try await write(operation) { db in
            guard let entry = try IncidentRows.outboxEntry(db, id: id) else {
                throw StoreError(.notFound, message: "there is no outbox entry \(id)", operation: operation)
            }
            guard entry.deliveredAt == nil else { return }
            if entry.abandonedAt != nil {
                // Withdrawn by an acknowledgement while this dispatcher was delivering it: a delivery that happened
                // is still recorded; a failure has nothing left to retry.
                guard kind == .notified, entry.claimedBy == owner else { return }
            }
            if let holder = entry.claimedBy, holder != owner,
                let expiry = entry.claimExpiresAt, StoredTime.milliseconds(expiry) > now
            {
                throw StoreError(
                    .conflict,
                    message: "outbox entry \(id) is claimed by \(holder) until \(expiry); its lease ran out here, "
                        + "so the other dispatcher delivers it",
                    operation: operation
                )
            }
            let detail = try update(db, entry, now)
            try IncidentWrites.appendEvent(db, incident: entry.incidentID, kind: kind, at: now, detail: detail)
        }
    }
}
