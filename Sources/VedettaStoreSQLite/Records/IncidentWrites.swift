import GRDB
import VedettaCore
import VedettaIncidents

/// Writes timeline events and outbox entries. Every function runs inside a transaction opened by
/// ``SQLiteIncidentStore``, together with the incident change it belongs to.
enum IncidentWrites {
    /// Appends a timeline event to incident `id`.
    static func appendEvent(
        _ db: Database,
        incident id: Int64,
        kind: IncidentEvent.Kind,
        at milliseconds: Int64,
        detail: String,
        by person: String? = nil
    ) throws {
        try db.execute(
            sql: "INSERT INTO incident_event (incident_id, kind, at, detail, by) VALUES (?, ?, ?, ?, ?)",
            arguments: [id, kind.rawValue, milliseconds, detail, person]
        )
    }

    /// Queues one pending outbox entry per draft for incident `id`, due at once. A draft already queued for the
    /// same incident, channel and event is skipped, so a notification can never be queued twice.
    /// - Returns: How many entries were queued.
    @discardableResult
    static func enqueue(_ drafts: [OutboxDraft], _ db: Database, incident id: Int64, at milliseconds: Int64) throws
        -> Int
    {
        var queued = 0
        for draft in drafts {
            try db.execute(
                sql: """
                    INSERT INTO outbox (incident_id, channel, event, created_at, attempts, next_attempt_at) \
                    VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (incident_id, channel, event) DO NOTHING
                    """,
                arguments: [id, draft.channel, draft.event.rawValue, milliseconds, milliseconds]
            )
            queued += db.changesCount
        }
        return queued
    }

    /// Reads incident `id` back after a change in the same transaction.
    static func reload(_ db: Database, incident id: Int64) throws -> Incident {
        guard let incident = try IncidentRows.incident(db, id: id) else {
            throw StoreError(
                .query,
                message: "incident \(id) vanished inside its own transaction",
                operation: "reload incident"
            )
        }
        return incident
    }

    /// The error for a lifecycle change the state machine refused.
    static func invalidTransition(_ id: Int64, from: IncidentState, to: IncidentState) -> StoreError {
        StoreError(
            .invalidTransition,
            message: "incident \(id) is \(from.rawValue) and cannot become \(to.rawValue)",
            operation: to == .restored ? "restore incident" : "acknowledge incident"
        )
    }
}
