import Foundation
import GRDB
import VedettaCore
import VedettaIncidents

/// Reads incidents, timeline events and outbox entries from the database. Every function runs inside a
/// transaction opened by ``SQLiteIncidentStore``.
enum IncidentRows {
    /// Loads the incidents selected by `sql` (which must select `incident.*`) with their timelines, in the order
    /// of `sql`.
    static func incidents(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Incident] {
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.decode(Int64.self, forColumn: "id") }
        let timelines = try self.timelines(db, incidentIDs: ids)
        return try zip(rows, ids).map { row, id in try incident(row, timeline: timelines[id] ?? []) }
    }

    /// Loads incident `id`, or `nil`.
    static func incident(_ db: Database, id: Int64) throws -> Incident? {
        try incidents(db, sql: "SELECT * FROM incident WHERE id = ?", arguments: [id]).first
    }

    /// Loads the open incident with `fingerprint`, or `nil`.
    static func openIncident(_ db: Database, fingerprint: String) throws -> Incident? {
        let sql = "SELECT * FROM incident WHERE fingerprint = ? AND restored_at IS NULL"
        return try incidents(db, sql: sql, arguments: [fingerprint]).first
    }

    /// Loads outbox entry `id`, or `nil`.
    static func outboxEntry(_ db: Database, id: Int64) throws -> OutboxEntry? {
        try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map(outboxEntry)
    }

    /// The channels that have a notification of `event` for incident `id` to their own addressees, whatever its
    /// delivery state.
    static func channelsNotified(_ db: Database, incident id: Int64, event: IncidentEvent.Kind) throws -> Set<String> {
        Set(
            try String.fetchAll(
                db, sql: "SELECT channel FROM outbox WHERE incident_id = ? AND event = ? AND step = 0",
                arguments: [id, event.rawValue]))
    }

    /// Everyone an escalation paged about incident `id` (a page not withdrawn by the acknowledgement): each
    /// channel with the person it paged (`''` for a channel's own addressees). The restoration goes the same ways.
    static func escalationChains(_ db: Database, incident id: Int64) throws -> [(channel: String, recipient: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT channel, recipient FROM outbox WHERE incident_id = ? AND event = 'opened' \
                AND step > 0 AND withdrawn = 0 ORDER BY channel, recipient
                """,
            arguments: [id]
        ).map { (try $0.decode(String.self, forColumn: "channel"), try $0.decode(String.self, forColumn: "recipient")) }
    }

    /// The SQL condition "the group of escalation `e` has an incident that is not restored".
    static let groupIsOpenSQL = """
        EXISTS (SELECT 1 FROM escalation_member m JOIN incident gi ON gi.id = m.incident_id \
        WHERE m.group_id = e.incident_id AND gi.restored_at IS NULL)
        """

    /// The group (its first incident) incident `id` pages with, if it escalates.
    static func escalationGroup(_ db: Database, of id: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT group_id FROM escalation_member WHERE incident_id = ?", arguments: [id])
    }

    /// The newest group of `policy` and `key` that still has an incident that is not restored.
    static func activeGroup(_ db: Database, policy: String, key: String) throws -> Int64? {
        try Int64.fetchOne(
            db,
            sql: """
                SELECT e.incident_id FROM escalation e WHERE e.policy = ? AND e.group_key = ? AND \(groupIsOpenSQL) \
                ORDER BY e.incident_id DESC LIMIT 1
                """,
            arguments: [policy, key])
    }

    /// How many incidents of group `group` are not restored.
    static func openMembers(_ db: Database, group: Int64) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) FROM escalation_member m JOIN incident i ON i.id = m.incident_id \
                WHERE m.group_id = ? AND i.restored_at IS NULL
                """,
            arguments: [group]) ?? 0
    }

    /// Decodes one `escalation` row.
    static func escalation(_ row: Row) throws -> EscalationState {
        EscalationState(
            incidentID: try row.decode(Int64.self, forColumn: "incident_id"),
            policy: try row.decode(String.self, forColumn: "policy"),
            nextStep: try row.decode(Int.self, forColumn: "next_step"),
            nextAt: try row.decode(Int64?.self, forColumn: "next_at").map(StoredTime.date),
            startedAt: StoredTime.date(try row.decode(Int64.self, forColumn: "started_at")),
            stoppedAt: try row.decode(Int64?.self, forColumn: "stopped_at").map(StoredTime.date),
            stopReason: try row.decode(String?.self, forColumn: "stop_reason"),
            groupKey: try row.decode(String?.self, forColumn: "group_key"))
    }

    /// Decodes one `outbox` row.
    static func outboxEntry(_ row: Row) throws -> OutboxEntry {
        OutboxEntry(
            id: try row.decode(Int64.self, forColumn: "id"),
            incidentID: try row.decode(Int64.self, forColumn: "incident_id"),
            channel: try row.decode(String.self, forColumn: "channel"),
            event: IncidentEvent.Kind(rawValue: try row.decode(String.self, forColumn: "event")),
            recipient: try row.decode(String.self, forColumn: "recipient").nonEmpty,
            step: try row.decode(Int.self, forColumn: "step"),
            fallback: try row.decode(String?.self, forColumn: "fallback_channel").map {
                OutboxFallback(channel: $0, afterFailures: try row.decode(Int?.self, forColumn: "fallback_after") ?? 1)
            },
            createdAt: StoredTime.date(try row.decode(Int64.self, forColumn: "created_at")),
            attempts: try row.decode(Int.self, forColumn: "attempts"),
            nextAttemptAt: StoredTime.date(try row.decode(Int64.self, forColumn: "next_attempt_at")),
            lastError: try row.decode(String?.self, forColumn: "last_error"),
            deliveredAt: try row.decode(Int64?.self, forColumn: "delivered_at").map(StoredTime.date),
            abandonedAt: try row.decode(Int64?.self, forColumn: "abandoned_at").map(StoredTime.date),
            claimedBy: try row.decode(String?.self, forColumn: "claimed_by"),
            claimExpiresAt: try row.decode(Int64?.self, forColumn: "claim_expires_at").map(StoredTime.date)
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

    private static func incident(_ row: Row, timeline: [IncidentEvent]) throws -> Incident {
        let id = try row.decode(Int64.self, forColumn: "id")
        return Incident(
            id: id,
            fingerprint: try row.decode(String.self, forColumn: "fingerprint"),
            rule: try row.decode(String.self, forColumn: "rule"),
            severity: try severity(row, incident: id),
            labels: try decodeLabels(try row.decode(String.self, forColumn: "labels"), incident: id),
            summary: try row.decode(String.self, forColumn: "summary"),
            description: try row.decode(String.self, forColumn: "description"),
            detectedAt: StoredTime.date(try row.decode(Int64.self, forColumn: "detected_at")),
            acknowledgedAt: try row.decode(Int64?.self, forColumn: "acknowledged_at").map(StoredTime.date),
            acknowledgedBy: try row.decode(String?.self, forColumn: "acknowledged_by"),
            restoredAt: try row.decode(Int64?.self, forColumn: "restored_at").map(StoredTime.date),
            timeline: timeline,
            maintenanceWindowID: try row.decode(Int64?.self, forColumn: "maintenance_window_id"),
            origin: try origin(row, incident: id),
            openedBy: try row.decode(String?.self, forColumn: "opened_by"),
            category: try row.decode(String?.self, forColumn: "category"),
            resolution: try row.decode(String?.self, forColumn: "resolution"),
            ticket: try row.decode(String?.self, forColumn: "ticket")
        )
    }

    /// The timelines of `incidentIDs`, each oldest first, loaded in chunks to stay under SQLite's variable limit.
    private static func timelines(_ db: Database, incidentIDs: [Int64]) throws -> [Int64: [IncidentEvent]] {
        var timelines: [Int64: [IncidentEvent]] = [:]
        let chunkSize = 500
        for start in stride(from: 0, to: incidentIDs.count, by: chunkSize) {
            let chunk = Array(incidentIDs[start..<min(start + chunkSize, incidentIDs.count)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let sql = """
                SELECT incident_id, kind, at, detail, by FROM incident_event
                WHERE incident_id IN (\(placeholders)) ORDER BY at, id
                """
            for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(chunk)) {
                let event = IncidentEvent(
                    kind: IncidentEvent.Kind(rawValue: try row.decode(String.self, forColumn: "kind")),
                    at: StoredTime.date(try row.decode(Int64.self, forColumn: "at")),
                    detail: try row.decode(String.self, forColumn: "detail"),
                    by: try row.decode(String?.self, forColumn: "by")
                )
                timelines[try row.decode(Int64.self, forColumn: "incident_id"), default: []].append(event)
            }
        }
        return timelines
    }

    /// Decodes the `origin` column of an `incident` row.
    static func origin(_ row: Row, incident id: Int64) throws -> IncidentOrigin {
        let name = try row.decode(String.self, forColumn: "origin")
        guard let origin = IncidentOrigin(rawValue: name) else {
            throw corrupt("incident \(id) has the unknown origin '\(name)'")
        }
        return origin
    }

    /// Decodes the `severity` column of an `incident` row.
    static func severity(_ row: Row, incident id: Int64) throws -> Severity {
        let name = try row.decode(String.self, forColumn: "severity")
        guard let severity = Severity(rawValue: name) else {
            throw corrupt("incident \(id) has the unknown severity '\(name)'")
        }
        return severity
    }

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
