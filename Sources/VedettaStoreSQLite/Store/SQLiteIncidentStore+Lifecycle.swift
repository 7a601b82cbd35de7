public import Foundation
import GRDB
public import VedettaCore
public import VedettaIncidents
import VedettaStoreRows

extension SQLiteIncidentStore: IncidentLog {
    /// Opens an incident for `draft` unless one with its fingerprint is open; see ``IncidentLog/open(_:at:notify:)``.
    ///
    /// - Parameters:
    ///   - draft: The alert series that fired.
    ///   - at: When the alert fired.
    ///   - notify: The notifications to queue with the new incident.
    ///   - escalation: The escalation policy to start with it, if any.
    /// - Returns: The new incident, or the already open one (then nothing was written).
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    public func open(
        _ draft: IncidentDraft,
        at: Date,
        notify: [OutboxDraft],
        escalation: EscalationStart?
    ) async throws(StoreError) -> IncidentOpening {
        let labels = try IncidentRowFormat.encodeLabels(draft.labels)
        let detectedAt = StoredTime.milliseconds(at)
        do {
            return try await write("open incident") { db in
                if let existing = try IncidentRows.openIncident(db, fingerprint: draft.fingerprint) {
                    return .alreadyOpen(existing)
                }
                try db.execute(
                    sql: """
                        INSERT INTO incident (fingerprint, rule, severity, device, labels, summary, description, \
                        detected_at, maintenance_window_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        draft.fingerprint, draft.rule, draft.severity.rawValue, draft.labels["device"], labels,
                        draft.summary, draft.description, detectedAt, draft.maintenanceWindowID,
                    ]
                )
                let id = db.lastInsertedRowID
                try IncidentWrites.appendEvent(db, incident: id, kind: .opened, at: detectedAt, detail: draft.summary)
                if let impact = draft.impact {
                    try IncidentWrites.appendEvent(db, incident: id, kind: .impact, at: detectedAt, detail: impact)
                }
                try IncidentWrites.enqueue(notify, db, incident: id, at: detectedAt)
                if let escalation {
                    try IncidentWrites.startEscalation(escalation, db, incident: id, at: detectedAt)
                }
                return .created(try IncidentWrites.reload(db, incident: id))
            }
        } catch {
            guard error.code == .conflict else { throw error }
            // Another process opened the same alert series after our check: the unique index refused the second
            // open incident and the transaction rolled back. Hand back the winner's incident.
            let fingerprint = draft.fingerprint
            let winner = try await read("open incident") { db in
                try IncidentRows.openIncident(db, fingerprint: fingerprint)
            }
            guard let winner else { throw error }
            return .alreadyOpen(winner)
        }
    }

    /// Restores the open incident with `fingerprint`; see ``IncidentLog/restore(fingerprint:at:notify:)``.
    ///
    /// - Parameters:
    ///   - fingerprint: The alert series that cleared.
    ///   - at: When it cleared; an earlier time than the detection is raised to the detection time.
    ///   - notify: The notifications to queue with the restoration; only those whose channel has an `opened`
    ///     notification for the incident are queued.
    /// - Returns: The restored incident, or `nil` when none was open.
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    public func restore(fingerprint: String, at: Date, notify: [OutboxDraft]) async throws(StoreError) -> Incident? {
        try await write("restore incident") { db in
            guard let incident = try IncidentRows.openIncident(db, fingerprint: fingerprint) else { return nil }
            let restoredAt = max(StoredTime.rounded(at), incident.detectedAt)
            var machine = IncidentStateMachine(state: incident.state)
            switch machine.event(.restore(at: restoredAt)) {
            case .recordRestoration(let at):
                let milliseconds = StoredTime.milliseconds(at)
                try db.execute(
                    sql: "UPDATE incident SET restored_at = ? WHERE id = ?",
                    arguments: [milliseconds, incident.id]
                )
                var restored = incident
                restored.restoredAt = at
                let lasted = "after " + (restored.timeToRestore ?? .zero).compactDescription
                try IncidentWrites.appendEvent(
                    db,
                    incident: incident.id,
                    kind: .restored,
                    at: milliseconds,
                    detail: lasted
                )
                try Self.tellEveryoneTold(.restored, notify: notify, db, incident: incident.id, at: milliseconds)
                return try IncidentWrites.reload(db, incident: incident.id)
            case .ignore:
                return incident
            case .invalidTransition(let from, _):
                throw IncidentWrites.invalidTransition(incident.id, from: from, to: .restored)
            case .recordAcknowledgement:
                throw IncidentWrites.invalidTransition(incident.id, from: incident.state, to: .restored)
            }
        }
    }

    /// Queues notifications for an incident already open; see
    /// ``IncidentLog/notifyOpenIncident(fingerprint:at:notify:detail:)``.
    ///
    /// - Parameters:
    ///   - fingerprint: The alert series.
    ///   - at: When.
    ///   - notify: The notifications to queue; those already queued for the incident are skipped.
    ///   - detail: Why they are queued now, for an `unmuted` timeline event.
    ///   - escalation: The escalation policy to start, unless the incident has one.
    /// - Returns: The open incident, or `nil` when none is open.
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    public func notifyOpenIncident(
        fingerprint: String, at: Date, notify: [OutboxDraft], detail: String, escalation: EscalationStart?
    ) async throws(StoreError) -> Incident? {
        let milliseconds = StoredTime.milliseconds(at)
        return try await write("notify open incident") { db in
            guard let incident = try IncidentRows.openIncident(db, fingerprint: fingerprint) else { return nil }
            var queued = try IncidentWrites.enqueue(notify, db, incident: incident.id, at: milliseconds)
            if let escalation, incident.state == .open,
                try IncidentWrites.startEscalation(escalation, db, incident: incident.id, at: milliseconds)
            {
                queued += 1
            }
            guard queued > 0 else { return incident }
            try IncidentWrites.appendEvent(db, incident: incident.id, kind: .unmuted, at: milliseconds, detail: detail)
            return try IncidentWrites.reload(db, incident: incident.id)
        }
    }

    /// Adds an agent's event to the open incident with `fingerprint`; see
    /// ``IncidentLog/recordEvent(fingerprint:at:kind:detail:notify:)``.
    ///
    /// - Parameters:
    ///   - fingerprint: The alert series.
    ///   - at: When.
    ///   - kind: The event.
    ///   - detail: What it means.
    ///   - notify: The notifications to queue; only those whose channel was told of the opening are.
    /// - Returns: The open incident, or `nil` when none is open.
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    public func recordEvent(
        fingerprint: String, at: Date, kind: IncidentEvent.Kind, detail: String, notify: [OutboxDraft]
    ) async throws(StoreError) -> Incident? {
        let milliseconds = StoredTime.milliseconds(at)
        return try await write("record incident event") { db in
            guard let incident = try IncidentRows.openIncident(db, fingerprint: fingerprint) else { return nil }
            try IncidentWrites.appendEvent(db, incident: incident.id, kind: kind, at: milliseconds, detail: detail)
            try Self.tellEveryoneTold(kind, notify: notify, db, incident: incident.id, at: milliseconds)
            return try IncidentWrites.reload(db, incident: incident.id)
        }
    }

    /// Records why the alert of the open incident with `fingerprint` may not page; see
    /// ``IncidentLog/recordMute(fingerprint:at:reason:)``.
    ///
    /// - Parameters:
    ///   - fingerprint: The alert series.
    ///   - at: When.
    ///   - reason: Why it may not page.
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    public func recordMute(fingerprint: String, at: Date, reason: String) async throws(StoreError) {
        let milliseconds = StoredTime.milliseconds(at)
        try await write("record mute") { db in
            guard let incident = try IncidentRows.openIncident(db, fingerprint: fingerprint) else { return }
            try IncidentWrites.appendEvent(db, incident: incident.id, kind: .muted, at: milliseconds, detail: reason)
        }
    }

    /// Records an acknowledgement; see ``IncidentLog/acknowledge(id:by:at:)``.
    ///
    /// - Parameters:
    ///   - id: The incident.
    ///   - by: Who acknowledged it.
    ///   - at: When; an earlier time than the detection is raised to the detection time.
    /// - Returns: The new acknowledgement, or the one already on record (then nothing was written).
    /// - Throws: ``StoreError`` with code `notFound`, `invalidTransition` (restored incident), `invalidInput` (no name,
    ///   or one over 200 characters), or a database error.
    public func acknowledge(id: Int64, by: String, at: Date) async throws(StoreError) -> IncidentAcknowledgement {
        // The same rule as every other change people make: a name of 1 to 200 characters, trimmed.
        let by = try RecordInput.person(by, operation: "acknowledge incident")
        return try await write("acknowledge incident") { db in
            guard let incident = try IncidentRows.incident(db, id: id) else {
                throw StoreError(
                    .notFound,
                    message: "there is no incident \(id); list incidents to find its id",
                    operation: "acknowledge incident"
                )
            }
            let acknowledgedAt = max(StoredTime.rounded(at), incident.detectedAt)
            var machine = IncidentStateMachine(state: incident.state)
            switch machine.event(.acknowledge(by: by, at: acknowledgedAt)) {
            case .recordAcknowledgement(let who, let at):
                let milliseconds = StoredTime.milliseconds(at)
                try db.execute(
                    sql: "UPDATE incident SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?",
                    arguments: [milliseconds, who, id]
                )
                try IncidentWrites.appendEvent(
                    db, incident: id, kind: .acknowledged, at: milliseconds, detail: who, by: who)
                let group = try IncidentRows.escalationGroup(db, of: id) ?? id
                let reason = group == id ? "acknowledged by \(who)" : "acknowledged by \(who) (incident #\(id))"
                try IncidentWrites.stopEscalation(db, incident: group, at: milliseconds, reason: reason)
                try Self.withdrawPages(db, incident: group, at: milliseconds, by: who)
                return .recorded(try IncidentWrites.reload(db, incident: id))
            case .ignore:
                return .alreadyAcknowledged(incident)
            case .invalidTransition(let from, _):
                throw IncidentWrites.invalidTransition(id, from: from, to: .acknowledged)
            case .recordRestoration:
                throw IncidentWrites.invalidTransition(id, from: incident.state, to: .acknowledged)
            }
        }
    }

    /// Queues `event` for the drafts of `notify` whose channel was told of the opening, and for everyone the
    /// incident's escalation paged, through each channel that paged them: for a restoration, once the whole group
    /// is restored (and then its escalation stops); for another event, when the incident leads its group.
    private static func tellEveryoneTold(
        _ event: IncidentEvent.Kind, notify: [OutboxDraft], _ db: Database, incident id: Int64,
        at milliseconds: Int64
    ) throws {
        let told = try IncidentRows.channelsNotified(db, incident: id, event: .opened)
        let routed = notify.filter { $0.recipient == nil && $0.step == 0 && told.contains($0.channel) }
        try IncidentWrites.enqueue(routed, db, incident: id, at: milliseconds)
        guard let group = try IncidentRows.escalationGroup(db, of: id) else { return }
        if event == .restored {
            guard try IncidentRows.openMembers(db, group: group) == 0 else { return }
            try IncidentWrites.stopEscalation(db, incident: group, at: milliseconds, reason: "restored")
        } else if group != id {
            return
        }
        // A channel the route told as well hears of it once.
        let routedChannels = group == id ? Set(routed.map(\.channel)) : []
        let paged = try IncidentRows.escalationChains(db, incident: group)
            .filter { !($0.recipient.isEmpty && routedChannels.contains($0.channel)) }
            .map {
                OutboxDraft(
                    channel: $0.channel, event: event, recipient: $0.recipient.isEmpty ? nil : $0.recipient, step: 1)
            }
        try IncidentWrites.enqueue(paged, db, incident: group, at: milliseconds)
    }

    /// Withdraws every page of incident `id` not delivered yet, so nobody is paged after the acknowledgement.
    ///
    /// A page no channel took is marked withdrawn: its person never got it and hears nothing of the restoration.
    /// A page under a claim is being delivered, or was when its agent died: it is abandoned too (never sent again,
    /// not even once the dead agent's claim runs out), but not marked withdrawn, since it may have reached its
    /// person, who then hears of the restoration. A live dispatcher that finishes delivering it still records the
    /// delivery (see `settle`).
    private static func withdrawPages(_ db: Database, incident id: Int64, at milliseconds: Int64, by who: String)
        throws
    {
        try db.execute(
            sql: """
                UPDATE outbox SET abandoned_at = :now, withdrawn = (claimed_by IS NULL), \
                last_error = CASE WHEN claimed_by IS NULL THEN :reason ELSE :inFlight END \
                WHERE incident_id = :id AND step > 0 AND event IN ('opened', 'reminder', 'grouped') AND delivered_at IS NULL \
                AND abandoned_at IS NULL
                """,
            arguments: [
                "now": milliseconds, "reason": "withdrawn: acknowledged by \(who)",
                "inFlight": "withdrawn: acknowledged by \(who) while it was being delivered; it may have arrived",
                "id": id,
            ])
    }
}
