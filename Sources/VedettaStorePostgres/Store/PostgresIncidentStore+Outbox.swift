public import Foundation
import PostgresNIO
public import VedettaCore
public import VedettaIncidents
import VedettaStoreRows

extension PostgresIncidentStore: OutboxQueue {
    /// The entries that can be claimed at `now`: pending, due, under no running lease (not even the claimant's
    /// own: an entry still claimed after its delivery was settled means the bookkeeping failed, and it waits for
    /// its lease to run out rather than being sent again at once), and the oldest undelivered entry of their
    /// (incident, channel, recipient) chain; oldest first.
    ///
    /// With `lock`, the rows are also locked for the claim (`FOR UPDATE SKIP LOCKED`): the write lock already
    /// serializes claims, and the row locks keep a claim exclusive even for a writer that bypassed it.
    private static func claimable(now: Int64, limit: Int, lock: Bool) -> PostgresQuery {
        """
        SELECT o.* FROM outbox o \
        WHERE o.delivered_at IS NULL AND o.abandoned_at IS NULL AND o.next_attempt_at <= \(now) \
        AND (o.claimed_by IS NULL OR o.claim_expires_at <= \(now)) \
        AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.incident_id = o.incident_id AND p.channel = o.channel \
        AND p.recipient = o.recipient AND p.id < o.id AND p.delivered_at IS NULL AND p.abandoned_at IS NULL) \
        ORDER BY o.created_at, o.id LIMIT \(limit)\(unescaped: lock ? " FOR UPDATE OF o SKIP LOCKED" : "")
        """
    }

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
        return try await write("claim due notifications") { session in
            let rows = try await session.rows(Self.claimable(now: now, limit: limit, lock: true))
            var claimed: [OutboxEntry] = []
            for row in rows {
                var entry = try IncidentRowFormat.outboxEntry(row)
                entry.claimedBy = owner
                entry.claimExpiresAt = StoredTime.date(expires)
                claimed.append(entry)
            }
            guard !claimed.isEmpty else { return [] }
            let ids = claimed.map(\.id)
            try await session.execute(
                "UPDATE outbox SET claimed_by = \(owner), claim_expires_at = \(expires) WHERE id = ANY(\(ids))")
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
        return try await read("read due notifications") { session in
            let rows = try await session.rows(Self.claimable(now: now, limit: limit, lock: false))
            return try rows.map { try IncidentRowFormat.outboxEntry($0) }
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
            session, entry, now in
            try await session.execute(
                """
                UPDATE outbox SET delivered_at = \(now), claimed_by = NULL, claim_expires_at = NULL WHERE id = \(id)
                """
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
            session, entry, now in
            try await session.execute(
                """
                UPDATE outbox SET attempts = attempts + 1, last_error = \(error), next_attempt_at = \(retry), \
                claimed_by = NULL, claim_expires_at = NULL WHERE id = \(id)
                """
            )
            try await IncidentWrites.queueFallback(session, of: entry, failures: entry.attempts + 1, at: now)
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
            session, entry, now in
            try await session.execute(
                """
                UPDATE outbox SET abandoned_at = \(now), last_error = \(reason), claimed_by = NULL, \
                claim_expires_at = NULL WHERE id = \(id)
                """
            )
            try await IncidentWrites.queueFallback(session, of: entry, failures: nil, at: now)
            return "\(entry.channel) (\(entry.event)): \(reason)"
        }
    }

    /// Counts undelivered entries; see ``OutboxQueue/pendingNotificationCount()``.
    ///
    /// - Returns: The number of entries neither delivered nor abandoned.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func pendingNotificationCount() async throws(StoreError) -> Int {
        try await read("count pending notifications") { session in
            let count = try await session.value(
                "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL", as: Int64.self)
            return Int(count ?? 0)
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
        update: @escaping @Sendable (PostgresSession, OutboxEntry, Int64) async throws -> String
    ) async throws(StoreError) {
        let now = StoredTime.milliseconds(at)
        try await write(operation) { session in
            guard let entry = try await IncidentRows.outboxEntry(session, id: id) else {
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
            let detail = try await update(session, entry, now)
            try await IncidentWrites.appendEvent(
                session, incident: entry.incidentID, kind: kind, at: now, detail: detail)
        }
    }
}
