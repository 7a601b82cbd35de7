import Foundation
import PostgresNIO
import VedettaCore
import VedettaIncidents

/// Reads incidents, timeline events and outbox entries from the database. Every function runs inside a
/// transaction opened by ``PostgresIncidentStore``.
enum IncidentRows {
    /// Loads the incidents selected by `sql` (which must select `incident.*`) with their timelines, in the order
    /// of `sql`.
    static func incidents(_ session: PostgresSession, sql: PostgresQuery) async throws -> [Incident] {
        let rows = try await session.rows(sql)
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0["id", as: Int64.self] }
        let timelines = try await self.timelines(session, incidentIDs: ids)
        return try zip(rows, ids).map { row, id in try incident(row, timeline: timelines[id] ?? []) }
    }

    /// Loads incident `id`, or `nil`.
    static func incident(_ session: PostgresSession, id: Int64) async throws -> Incident? {
        try await incidents(session, sql: "SELECT * FROM incident WHERE id = \(id)").first
    }

    /// Loads the open incident with `fingerprint`, or `nil`.
    static func openIncident(_ session: PostgresSession, fingerprint: String) async throws -> Incident? {
        let sql: PostgresQuery = "SELECT * FROM incident WHERE fingerprint = \(fingerprint) AND restored_at IS NULL"
        return try await incidents(session, sql: sql).first
    }

    /// Loads outbox entry `id`, or `nil`.
    static func outboxEntry(_ session: PostgresSession, id: Int64) async throws -> OutboxEntry? {
        try await session.first("SELECT * FROM outbox WHERE id = \(id)").map(outboxEntry)
    }

    /// The channels that have a notification of `event` for incident `id` to their own addressees, whatever its
    /// delivery state.
    static func channelsNotified(
        _ session: PostgresSession, incident id: Int64, event: IncidentEvent.Kind
    ) async throws -> Set<String> {
        let rows = try await session.rows(
            "SELECT channel FROM outbox WHERE incident_id = \(id) AND event = \(event.rawValue) AND step = 0")
        return Set(try rows.map { try $0["channel", as: String.self] })
    }

    /// Everyone an escalation paged about incident `id` (a page not withdrawn by the acknowledgement): each
    /// channel with the person it paged (`''` for a channel's own addressees). The restoration goes the same ways.
    static func escalationChains(
        _ session: PostgresSession, incident id: Int64
    ) async throws -> [(channel: String, recipient: String)] {
        try await session.rows(
            """
            SELECT DISTINCT channel, recipient FROM outbox WHERE incident_id = \(id) AND event = 'opened' \
            AND step > 0 AND NOT withdrawn ORDER BY channel, recipient
            """
        ).map { (try $0["channel", as: String.self], try $0["recipient", as: String.self]) }
    }

    /// The SQL condition "the group of escalation `e` has an incident that is not restored" (a constant fragment,
    /// for `\(unescaped:)`).
    static let groupIsOpenSQL = """
        EXISTS (SELECT 1 FROM escalation_member m JOIN incident gi ON gi.id = m.incident_id \
        WHERE m.group_id = e.incident_id AND gi.restored_at IS NULL)
        """

    /// The group (its first incident) incident `id` pages with, if it escalates.
    static func escalationGroup(_ session: PostgresSession, of id: Int64) async throws -> Int64? {
        try await session.value("SELECT group_id FROM escalation_member WHERE incident_id = \(id)", as: Int64.self)
    }

    /// The newest group of `policy` and `key` that still has an incident that is not restored.
    static func activeGroup(_ session: PostgresSession, policy: String, key: String) async throws -> Int64? {
        try await session.value(
            """
            SELECT e.incident_id FROM escalation e WHERE e.policy = \(policy) AND e.group_key = \(key) \
            AND \(unescaped: groupIsOpenSQL) ORDER BY e.incident_id DESC LIMIT 1
            """,
            as: Int64.self)
    }

    /// How many incidents of group `group` are not restored.
    static func openMembers(_ session: PostgresSession, group: Int64) async throws -> Int {
        try await session.value(
            """
            SELECT COUNT(*) FROM escalation_member m JOIN incident i ON i.id = m.incident_id \
            WHERE m.group_id = \(group) AND i.restored_at IS NULL
            """,
            as: Int.self) ?? 0
    }

    /// Decodes one `escalation` row.
    static func escalation(_ row: StoredRow) throws -> EscalationState {
        EscalationState(
            incidentID: try row["incident_id", as: Int64.self],
            policy: try row["policy", as: String.self],
            nextStep: try row["next_step", as: Int.self],
            nextAt: try row["next_at", as: Int64?.self].map(StoredTime.date),
            startedAt: StoredTime.date(try row["started_at", as: Int64.self]),
            stoppedAt: try row["stopped_at", as: Int64?.self].map(StoredTime.date),
            stopReason: try row["stop_reason", as: String?.self],
            groupKey: try row["group_key", as: String?.self])
    }

    /// Decodes one `outbox` row.
    static func outboxEntry(_ row: StoredRow) throws -> OutboxEntry {
        OutboxEntry(
            id: try row["id", as: Int64.self],
            incidentID: try row["incident_id", as: Int64.self],
            channel: try row["channel", as: String.self],
            event: IncidentEvent.Kind(rawValue: try row["event", as: String.self]),
            recipient: try row["recipient", as: String.self].nonEmpty,
            step: try row["step", as: Int.self],
            fallback: try row["fallback_channel", as: String?.self].map {
                OutboxFallback(channel: $0, afterFailures: try row["fallback_after", as: Int?.self] ?? 1)
            },
            createdAt: StoredTime.date(try row["created_at", as: Int64.self]),
            attempts: try row["attempts", as: Int.self],
            nextAttemptAt: StoredTime.date(try row["next_attempt_at", as: Int64.self]),
            lastError: try row["last_error", as: String?.self],
            deliveredAt: try row["delivered_at", as: Int64?.self].map(StoredTime.date),
            abandonedAt: try row["abandoned_at", as: Int64?.self].map(StoredTime.date),
            claimedBy: try row["claimed_by", as: String?.self],
            claimExpiresAt: try row["claim_expires_at", as: Int64?.self].map(StoredTime.date)
        )
    }

    /// Encodes labels as a JSON object with sorted keys.
    static func encodeLabels(_ labels: LabelSet) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(labels.dictionary), let text = String(data: data, encoding: .utf8) else {
            let message = "the labels \(labels) cannot be encoded as JSON"
            throw StoreError(.query, message: message, operation: "encode labels")
        }
        return text
    }

    private static func incident(_ row: StoredRow, timeline: [IncidentEvent]) throws -> Incident {
        let id = try row["id", as: Int64.self]
        return Incident(
            id: id,
            fingerprint: try row["fingerprint", as: String.self],
            rule: try row["rule", as: String.self],
            severity: try severity(row, incident: id),
            labels: try decodeLabels(try row["labels", as: String.self], incident: id),
            summary: try row["summary", as: String.self],
            description: try row["description", as: String.self],
            detectedAt: StoredTime.date(try row["detected_at", as: Int64.self]),
            acknowledgedAt: try row["acknowledged_at", as: Int64?.self].map(StoredTime.date),
            acknowledgedBy: try row["acknowledged_by", as: String?.self],
            restoredAt: try row["restored_at", as: Int64?.self].map(StoredTime.date),
            timeline: timeline,
            maintenanceWindowID: try row["maintenance_window_id", as: Int64?.self],
            origin: try origin(row, incident: id),
            openedBy: try row["opened_by", as: String?.self],
            category: try row["category", as: String?.self],
            resolution: try row["resolution", as: String?.self],
            ticket: try row["ticket", as: String?.self]
        )
    }

    /// The timelines of `incidentIDs`, each oldest first, in one query (the ids bound as one array).
    private static func timelines(
        _ session: PostgresSession, incidentIDs: [Int64]
    ) async throws -> [Int64: [IncidentEvent]] {
        var timelines: [Int64: [IncidentEvent]] = [:]
        let rows = try await session.rows(
            """
            SELECT incident_id, kind, at, detail, "by" FROM incident_event
            WHERE incident_id = ANY(\(incidentIDs)) ORDER BY at, id
            """)
        for row in rows {
            let event = IncidentEvent(
                kind: IncidentEvent.Kind(rawValue: try row["kind", as: String.self]),
                at: StoredTime.date(try row["at", as: Int64.self]),
                detail: try row["detail", as: String.self],
                by: try row["by", as: String?.self]
            )
            timelines[try row["incident_id", as: Int64.self], default: []].append(event)
        }
        return timelines
    }

    /// Decodes the `origin` column of an `incident` row.
    static func origin(_ row: StoredRow, incident id: Int64) throws -> IncidentOrigin {
        let name = try row["origin", as: String.self]
        guard let origin = IncidentOrigin(rawValue: name) else {
            throw corrupt("incident \(id) has the unknown origin '\(name)'")
        }
        return origin
    }

    /// Decodes the `severity` column of an `incident` row.
    static func severity(_ row: StoredRow, incident id: Int64) throws -> Severity {
        let name = try row["severity", as: String.self]
        guard let severity = Severity(rawValue: name) else {
            throw corrupt("incident \(id) has the unknown severity '\(name)'")
        }
        return severity
    }

    /// Decodes the `labels` column (a JSON object of strings) of incident `id`.
    static func decodeLabels(_ text: String, incident id: Int64) throws -> LabelSet {
        guard let dictionary = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else {
            throw corrupt("incident \(id) has labels that are not a JSON object of strings: \(text)")
        }
        return LabelSet(dictionary)
    }

    private static func corrupt(_ message: String) -> StoreError {
        let message = message + "; the database was changed outside Vedetta"
        return StoreError(.corrupt, message: message, operation: "read incident")
    }
}

extension String {
    /// The string, or `nil` when it is empty (a stored `''` for "none").
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
