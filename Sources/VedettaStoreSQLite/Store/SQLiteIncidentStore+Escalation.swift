public import Foundation
import GRDB
public import VedettaCore
public import VedettaIncidents
import VedettaStoreRows

extension SQLiteIncidentStore: EscalationLog {
    /// Running escalations due at `:now` whose group has an incident that is not restored (an acknowledgement
    /// stops the escalation itself).
    private static let dueSQL = """
        SELECT e.* FROM escalation e \
        WHERE e.next_at IS NOT NULL AND e.next_at <= :now AND \(IncidentRows.groupIsOpenSQL) \
        ORDER BY e.next_at, e.incident_id LIMIT :limit
        """

    /// The due escalations; see ``EscalationLog/dueEscalations(at:limit:)``.
    ///
    /// - Parameters:
    ///   - at: The current time.
    ///   - limit: The most to return.
    /// - Returns: The due escalations, soonest first.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func dueEscalations(at: Date, limit: Int) async throws(StoreError) -> [EscalationState] {
        let now = StoredTime.milliseconds(at)
        let limit = max(0, limit)
        return try await read("read due escalations") { db in
            try Row.fetchAll(db, sql: Self.dueSQL, arguments: ["now": now, "limit": limit]).map {
                try IncidentRowFormat.escalation($0.columns)
            }
        }
    }

    /// When the soonest running escalation is due; see ``EscalationLog/nextEscalationDue()``.
    ///
    /// - Returns: The time, or `nil` when none runs.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func nextEscalationDue() async throws(StoreError) -> Date? {
        try await read("read next escalation") { db in
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT MIN(e.next_at) FROM escalation e \
                    WHERE e.next_at IS NOT NULL AND \(IncidentRows.groupIsOpenSQL)
                    """
            ).map(StoredTime.date)
        }
    }

    /// Takes one step; see
    /// ``EscalationLog/advanceEscalation(incident:from:pages:remindEveryonePaged:detail:nextAt:stopReason:at:)``.
    ///
    /// - Parameters:
    ///   - incident: The incident.
    ///   - step: The step to take.
    ///   - pages: The step's notifications.
    ///   - remindEveryonePaged: Whether to remind everyone paged so far.
    ///   - detail: Whom it paged, for the timeline.
    ///   - nextAt: When the next step is due, `nil` after the last.
    ///   - stopReason: Why it stops when `nextAt` is `nil`.
    ///   - at: When.
    /// - Returns: Whether the step was taken here.
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    public func advanceEscalation(
        incident: Int64, from step: Int, pages: [OutboxDraft], remindEveryonePaged: Bool, detail: String,
        nextAt: Date?, stopReason: String?, at: Date
    ) async throws(StoreError) -> Bool {
        let now = StoredTime.milliseconds(at)
        let next = nextAt.map(StoredTime.milliseconds)
        return try await write("advance escalation") { db in
            // The guard and the move are one statement: of two agents at the same step, one moves it.
            try db.execute(
                sql: """
                    UPDATE escalation AS e SET next_step = next_step + 1, next_at = :next, \
                    stopped_at = CASE WHEN :next IS NULL THEN :now END, stop_reason = :reason \
                    WHERE e.incident_id = :id AND e.next_step = :step AND e.next_at IS NOT NULL \
                    AND \(IncidentRows.groupIsOpenSQL)
                    """,
                arguments: [
                    "next": next, "now": now, "reason": next == nil ? stopReason : nil, "id": incident, "step": step,
                ])
            guard db.changesCount > 0 else { return false }
            try IncidentWrites.enqueue(pages, db, incident: incident, at: now)
            if remindEveryonePaged {
                let reminders = try IncidentRows.escalationChains(db, incident: incident).map {
                    OutboxDraft(
                        channel: $0.channel, event: .reminder, recipient: $0.recipient.isEmpty ? nil : $0.recipient,
                        step: step + 1)
                }
                try IncidentWrites.enqueue(reminders, db, incident: incident, at: now)
            }
            if !detail.isEmpty {
                try IncidentWrites.appendEvent(db, incident: incident, kind: .escalated, at: now, detail: detail)
            }
            if next == nil, let stopReason {
                try IncidentWrites.appendEvent(
                    db, incident: incident, kind: .escalationStopped, at: now, detail: stopReason)
            }
            return true
        }
    }

    /// Postpones one step; see ``EscalationLog/postponeEscalation(incident:from:until:detail:at:)``.
    ///
    /// - Parameters:
    ///   - incident: The incident.
    ///   - step: The step to postpone.
    ///   - until: When it is due instead.
    ///   - detail: Why, for the timeline (written once per step).
    ///   - at: When.
    /// - Returns: Whether it was postponed here.
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    public func postponeEscalation(incident: Int64, from step: Int, until: Date, detail: String, at: Date)
        async throws(StoreError) -> Bool
    {
        let now = StoredTime.milliseconds(at)
        let next = StoredTime.milliseconds(until)
        return try await write("postpone escalation") { db in
            let previous = try Int64.fetchOne(
                db, sql: "SELECT next_at FROM escalation WHERE incident_id = ?", arguments: [incident])
            try db.execute(
                sql: """
                    UPDATE escalation AS e SET next_at = :next WHERE e.incident_id = :id AND e.next_step = :step \
                    AND e.next_at IS NOT NULL AND \(IncidentRows.groupIsOpenSQL)
                    """,
                arguments: ["next": next, "id": incident, "step": step])
            guard db.changesCount > 0 else { return false }
            if previous != next {
                try IncidentWrites.appendEvent(
                    db, incident: incident, kind: .escalationPostponed, at: now, detail: detail)
            }
            return true
        }
    }

    /// The incidents of the group an incident leads; see ``EscalationLog/escalationGroup(of:)``.
    ///
    /// - Parameter incident: The group's first incident.
    /// - Returns: The group's incidents, in the order they joined; empty when it leads none.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func escalationGroup(of incident: Int64) async throws(StoreError) -> [Incident] {
        try await read("read escalation group") { db in
            let ids = try Int64.fetchAll(
                db, sql: "SELECT incident_id FROM escalation_member WHERE group_id = ? ORDER BY joined_at, incident_id",
                arguments: [incident])
            return try ids.compactMap { try IncidentRows.incident(db, id: $0) }
        }
    }

    /// The escalation of an incident; see ``EscalationLog/escalation(incident:)``.
    ///
    /// - Parameter incident: The incident.
    /// - Returns: Its escalation, or `nil`.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func escalation(incident: Int64) async throws(StoreError) -> EscalationState? {
        try await read("read escalation") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM escalation WHERE incident_id = ?", arguments: [incident])
                .map { try IncidentRowFormat.escalation($0.columns) }
        }
    }
}
