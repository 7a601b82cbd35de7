import Foundation
import GRDB
import VedettaCore
import VedettaIncidents
import VedettaStoreRows

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
        return try zip(rows, ids).map { row, id in
            try IncidentRowFormat.incident(row.columns, timeline: timelines[id] ?? [])
        }
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
        try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map {
            try IncidentRowFormat.outboxEntry($0.columns)
        }
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
                let event = try IncidentRowFormat.event(row.columns)
                timelines[try row.decode(Int64.self, forColumn: "incident_id"), default: []].append(event)
            }
        }
        return timelines
    }
}
