import PostgresNIO
import VedettaCore
import VedettaIncidents

/// Writes timeline events and outbox entries. Every function runs inside a transaction opened by
/// ``PostgresIncidentStore``, together with the incident change it belongs to.
enum IncidentWrites {
    /// Appends a timeline event to incident `id`.
    static func appendEvent(
        _ session: PostgresSession,
        incident id: Int64,
        kind: IncidentEvent.Kind,
        at milliseconds: Int64,
        detail: String,
        by person: String? = nil
    ) async throws {
        try await session.execute(
            """
            INSERT INTO incident_event (incident_id, kind, at, detail, "by") \
            VALUES (\(id), \(kind.rawValue), \(milliseconds), \(detail), \(person))
            """
        )
    }

    /// Queues one pending outbox entry per draft for incident `id`, due at once. A draft already queued for the
    /// same incident, channel, recipient, event and step is skipped, so a notification can never be queued twice.
    /// - Returns: How many entries were queued.
    @discardableResult
    static func enqueue(
        _ drafts: [OutboxDraft], _ session: PostgresSession, incident id: Int64, at milliseconds: Int64
    ) async throws -> Int {
        var queued = 0
        for draft in drafts {
            queued += try await session.count(
                """
                INSERT INTO outbox (incident_id, channel, recipient, step, event, created_at, attempts, \
                next_attempt_at, fallback_channel, fallback_after) VALUES (\(id), \(draft.channel), \
                \(draft.recipient ?? ""), \(draft.step), \(draft.event.rawValue), \(milliseconds), 0, \
                \(milliseconds), \(draft.fallback?.channel), \(draft.fallback?.afterFailures)) \
                ON CONFLICT (incident_id, channel, recipient, event, step) DO NOTHING RETURNING 1
                """
            )
        }
        return queued
    }

    /// Starts `start`'s escalation for incident `id`, unless the incident has one or is in a group already: joins
    /// the active group of the same policy and key when there is one (and tells everyone it paged, at most once per
    /// five minutes and person), or else starts a group of its own, its first step due after the group wait.
    /// Returns whether anything was written.
    @discardableResult
    static func startEscalation(
        _ start: EscalationStart, _ session: PostgresSession, incident id: Int64, at milliseconds: Int64
    ) async throws -> Bool {
        guard try await IncidentRows.escalationGroup(session, of: id) == nil else { return false }
        if let key = start.groupKey,
            let group = try await IncidentRows.activeGroup(session, policy: start.policy, key: key)
        {
            try await session.execute(
                "INSERT INTO escalation_member (group_id, incident_id, joined_at) VALUES (\(group), \(id), \(milliseconds))"
            )
            try await appendEvent(
                session, incident: id, kind: .grouped, at: milliseconds,
                detail: "pages with incident #\(group) (\(key))")
            try await appendEvent(
                session, incident: group, kind: .grouped, at: milliseconds, detail: "incident #\(id) joined")
            let bucket = Int(milliseconds / 300_000) + 1
            let updates = try await IncidentRows.escalationChains(session, incident: group).map {
                OutboxDraft(
                    channel: $0.channel, event: .grouped, recipient: $0.recipient.isEmpty ? nil : $0.recipient,
                    step: bucket)
            }
            try await enqueue(updates, session, incident: group, at: milliseconds)
            return true
        }
        let due = milliseconds + Int64((start.groupWait.seconds * 1000).rounded())
        let started = try await session.count(
            """
            INSERT INTO escalation (incident_id, policy, group_key, next_step, next_at, started_at) \
            VALUES (\(id), \(start.policy), \(start.groupKey), 0, \(due), \(milliseconds)) \
            ON CONFLICT (incident_id) DO NOTHING RETURNING 1
            """
        )
        guard started > 0 else { return false }
        try await session.execute(
            "INSERT INTO escalation_member (group_id, incident_id, joined_at) VALUES (\(id), \(id), \(milliseconds))"
        )
        return true
    }

    /// Stops incident `id`'s running escalation, if any, with `reason`, and records it on the timeline.
    static func stopEscalation(
        _ session: PostgresSession, incident id: Int64, at milliseconds: Int64, reason: String
    ) async throws {
        let stopped = try await session.count(
            """
            UPDATE escalation SET next_at = NULL, stopped_at = \(milliseconds), stop_reason = \(reason) \
            WHERE incident_id = \(id) AND next_at IS NOT NULL RETURNING 1
            """
        )
        guard stopped > 0 else { return }
        try await appendEvent(session, incident: id, kind: .escalationStopped, at: milliseconds, detail: reason)
    }

    /// Queues entry `entry`'s fallback once it has failed `failures` times (or was given up, `failures` = `nil`),
    /// and records it on the timeline. Nothing when it has no fallback or has not failed often enough yet.
    static func queueFallback(
        _ session: PostgresSession, of entry: OutboxEntry, failures: Int?, at milliseconds: Int64
    ) async throws {
        guard let fallback = entry.fallback else { return }
        if let failures, failures < fallback.afterFailures { return }
        let draft = OutboxDraft(
            channel: fallback.channel, event: entry.event, recipient: entry.recipient, step: entry.step)
        guard try await enqueue([draft], session, incident: entry.incidentID, at: milliseconds) > 0 else { return }
        let whom = entry.recipient.map { " \($0)" } ?? ""
        let why = failures.map { "failed \($0) time(s)" } ?? "was given up"
        try await appendEvent(
            session, incident: entry.incidentID, kind: .notificationFallback, at: milliseconds,
            detail: "\(entry.channel) (\(entry.event))\(whom) \(why); paging through \(fallback.channel)")
    }

    /// Reads incident `id` back after a change in the same transaction.
    static func reload(_ session: PostgresSession, incident id: Int64) async throws -> Incident {
        guard let incident = try await IncidentRows.incident(session, id: id) else {
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
