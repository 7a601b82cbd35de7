import Foundation
import PostgresNIO
import VedettaCore
import VedettaIncidents
import VedettaStoreRows

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
        return try zip(rows, ids).map { row, id in try IncidentRowFormat.incident(row, timeline: timelines[id] ?? []) }
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
        try await session.first("SELECT * FROM outbox WHERE id = \(id)").map(IncidentRowFormat.outboxEntry)
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
            let event = try IncidentRowFormat.event(row)
            timelines[try row.int64("incident_id"), default: []].append(event)
        }
        return timelines
    }
}
