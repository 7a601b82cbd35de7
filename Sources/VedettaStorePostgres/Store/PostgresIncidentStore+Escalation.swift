public import Foundation
import PostgresNIO
public import VedettaCore
public import VedettaIncidents
import VedettaStoreRows

extension PostgresIncidentStore: EscalationLog {
    /// Running escalations due at `now` whose group has an incident that is not restored (an acknowledgement
    /// stops the escalation itself).
    private static func due(now: Int64, limit: Int) -> PostgresQuery {
        """
        SELECT e.* FROM escalation e \
        WHERE e.next_at IS NOT NULL AND e.next_at <= \(now) AND \(unescaped: IncidentRows.groupIsOpenSQL) \
        ORDER BY e.next_at, e.incident_id LIMIT \(limit)
        """
    }

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
        return try await read("read due escalations") { session in
            try await session.rows(Self.due(now: now, limit: limit)).map { try IncidentRowFormat.escalation($0) }
        }
    }

    /// When the soonest running escalation is due; see ``EscalationLog/nextEscalationDue()``.
    ///
    /// - Returns: The time, or `nil` when none runs.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func nextEscalationDue() async throws(StoreError) -> Date? {
        try await read("read next escalation") { session in
            try await session.value(
                """
                SELECT MIN(e.next_at) FROM escalation e \
                WHERE e.next_at IS NOT NULL AND \(unescaped: IncidentRows.groupIsOpenSQL)
                """,
                as: Int64.self
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
        let stoppedAt: Int64? = next == nil ? now : nil
        let reason: String? = next == nil ? stopReason : nil
        let stepNumber = Int64(step)
        return try await write("advance escalation") { session in
            // The guard and the move are one statement: of two agents at the same step, one moves it.
            let moved = try await session.count(
                """
                UPDATE escalation AS e SET next_step = next_step + 1, next_at = \(next), \
                stopped_at = \(stoppedAt), stop_reason = \(reason) \
                WHERE e.incident_id = \(incident) AND e.next_step = \(stepNumber) AND e.next_at IS NOT NULL \
                AND \(unescaped: IncidentRows.groupIsOpenSQL) RETURNING 1
                """
            )
            guard moved > 0 else { return false }
            try await IncidentWrites.enqueue(pages, session, incident: incident, at: now)
            if remindEveryonePaged {
                let reminders = try await IncidentRows.escalationChains(session, incident: incident).map {
                    OutboxDraft(
                        channel: $0.channel, event: .reminder, recipient: $0.recipient.isEmpty ? nil : $0.recipient,
                        step: step + 1)
                }
                try await IncidentWrites.enqueue(reminders, session, incident: incident, at: now)
            }
            if !detail.isEmpty {
                try await IncidentWrites.appendEvent(
                    session, incident: incident, kind: .escalated, at: now, detail: detail)
            }
            if next == nil, let stopReason {
                try await IncidentWrites.appendEvent(
                    session, incident: incident, kind: .escalationStopped, at: now, detail: stopReason)
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
        let stepNumber = Int64(step)
        return try await write("postpone escalation") { session in
            let previous = try await session.value(
                "SELECT next_at FROM escalation WHERE incident_id = \(incident)", as: Int64.self)
            let moved = try await session.count(
                """
                UPDATE escalation AS e SET next_at = \(next) WHERE e.incident_id = \(incident) \
                AND e.next_step = \(stepNumber) AND e.next_at IS NOT NULL \
                AND \(unescaped: IncidentRows.groupIsOpenSQL) RETURNING 1
                """
            )
            guard moved > 0 else { return false }
            if previous != next {
                try await IncidentWrites.appendEvent(
                    session, incident: incident, kind: .escalationPostponed, at: now, detail: detail)
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
        try await read("read escalation group") { session in
            let rows = try await session.rows(
                """
                SELECT incident_id FROM escalation_member WHERE group_id = \(incident) \
                ORDER BY joined_at, incident_id
                """
            )
            var members: [Incident] = []
            for row in rows {
                let id = try row["incident_id", as: Int64.self]
                if let member = try await IncidentRows.incident(session, id: id) { members.append(member) }
            }
            return members
        }
    }

    /// The escalation of an incident; see ``EscalationLog/escalation(incident:)``.
    ///
    /// - Parameter incident: The incident.
    /// - Returns: Its escalation, or `nil`.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func escalation(incident: Int64) async throws(StoreError) -> EscalationState? {
        try await read("read escalation") { session in
            try await session.first("SELECT * FROM escalation WHERE incident_id = \(incident)")
                .map { try IncidentRowFormat.escalation($0) }
        }
    }
}
