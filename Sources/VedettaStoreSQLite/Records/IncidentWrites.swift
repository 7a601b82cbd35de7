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
    /// same incident, channel, recipient, event and step is skipped, so a notification can never be queued twice.
    /// - Returns: How many entries were queued.
    @discardableResult
    static func enqueue(_ drafts: [OutboxDraft], _ db: Database, incident id: Int64, at milliseconds: Int64) throws
        -> Int
    {
        var queued = 0
        for draft in drafts {
            try db.execute(
                sql: """
                    INSERT INTO outbox (incident_id, channel, recipient, step, event, created_at, attempts, \
                    next_attempt_at, fallback_channel, fallback_after) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?) \
                    ON CONFLICT (incident_id, channel, recipient, event, step) DO NOTHING
                    """,
                arguments: [
                    id, draft.channel, draft.recipient ?? "", draft.step, draft.event.rawValue, milliseconds,
                    milliseconds, draft.fallback?.channel, draft.fallback?.afterFailures,
                ]
            )
            queued += db.changesCount
        }
        return queued
    }

    /// Starts `start`'s escalation for incident `id`, unless the incident has one or is in a group already: joins
    /// the active group of the same policy and key when there is one (and tells everyone it paged, at most once per
    /// five minutes and person), or else starts a group of its own, its first step due after the group wait.
    /// Returns whether anything was written.
    @discardableResult
    static func startEscalation(_ start: EscalationStart, _ db: Database, incident id: Int64, at milliseconds: Int64)
        throws -> Bool
    {
        guard try IncidentRows.escalationGroup(db, of: id) == nil else { return false }
        if let key = start.groupKey, let group = try IncidentRows.activeGroup(db, policy: start.policy, key: key) {
            try db.execute(
                sql: "INSERT INTO escalation_member (group_id, incident_id, joined_at) VALUES (?, ?, ?)",
                arguments: [group, id, milliseconds])
            try appendEvent(
                db, incident: id, kind: .grouped, at: milliseconds, detail: "pages with incident #\(group) (\(key))")
            try appendEvent(db, incident: group, kind: .grouped, at: milliseconds, detail: "incident #\(id) joined")
            let bucket = Int(milliseconds / 300_000) + 1
            let updates = try IncidentRows.escalationChains(db, incident: group).map {
                OutboxDraft(
                    channel: $0.channel, event: .grouped, recipient: $0.recipient.isEmpty ? nil : $0.recipient,
                    step: bucket)
            }
            try enqueue(updates, db, incident: group, at: milliseconds)
            return true
        }
        let due = milliseconds + Int64((start.groupWait.seconds * 1000).rounded())
        try db.execute(
            sql: """
                INSERT INTO escalation (incident_id, policy, group_key, next_step, next_at, started_at) \
                VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT (incident_id) DO NOTHING
                """,
            arguments: [id, start.policy, start.groupKey, due, milliseconds])
        guard db.changesCount > 0 else { return false }
        try db.execute(
            sql: "INSERT INTO escalation_member (group_id, incident_id, joined_at) VALUES (?, ?, ?)",
            arguments: [id, id, milliseconds])
        return true
    }

    /// Stops incident `id`'s running escalation, if any, with `reason`, and records it on the timeline.
    static func stopEscalation(_ db: Database, incident id: Int64, at milliseconds: Int64, reason: String) throws {
        try db.execute(
            sql: """
                UPDATE escalation SET next_at = NULL, stopped_at = ?, stop_reason = ? \
                WHERE incident_id = ? AND next_at IS NOT NULL
                """,
            arguments: [milliseconds, reason, id])
        guard db.changesCount > 0 else { return }
        try appendEvent(db, incident: id, kind: .escalationStopped, at: milliseconds, detail: reason)
    }

    /// Queues entry `entry`'s fallback once it has failed `failures` times (or was given up, `failures` = `nil`),
    /// and records it on the timeline. Nothing when it has no fallback or has not failed often enough yet.
    static func queueFallback(_ db: Database, of entry: OutboxEntry, failures: Int?, at milliseconds: Int64) throws {
        guard let fallback = entry.fallback else { return }
        if let failures, failures < fallback.afterFailures { return }
        let draft = OutboxDraft(
            channel: fallback.channel, event: entry.event, recipient: entry.recipient, step: entry.step)
        guard try enqueue([draft], db, incident: entry.incidentID, at: milliseconds) > 0 else { return }
        let whom = entry.recipient.map { " \($0)" } ?? ""
        let why = failures.map { "failed \($0) time(s)" } ?? "was given up"
        try appendEvent(
            db, incident: entry.incidentID, kind: .notificationFallback, at: milliseconds,
            detail: "\(entry.channel) (\(entry.event))\(whom) \(why); paging through \(fallback.channel)")
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
