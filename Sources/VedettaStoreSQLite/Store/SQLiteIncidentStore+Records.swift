public import Foundation
import GRDB
public import VedettaCore
public import VedettaIncidents
import VedettaStoreRows

extension SQLiteIncidentStore: IncidentRecords {
    /// Records notes, a category, resolution or ticket on incident `id`, all or none; see
    /// ``IncidentRecords``.
    ///
    /// - Parameters:
    ///   - id: The incident.
    ///   - annotations: What to record, all in one transaction.
    ///   - by: Who.
    ///   - at: When; an earlier time than the detection is raised to it.
    /// - Returns: The incident after the change.
    /// - Throws: ``StoreError`` with code `notFound`, `invalidInput`, or a database error.
    public func annotate(id: Int64, _ annotations: [IncidentAnnotation], by: String, at: Date)
        async throws(StoreError) -> Incident
    {
        let operation = "record incident \(annotations.map(\.fieldName).joined(separator: ", "))"
        guard !annotations.isEmpty else {
            throw StoreError(.invalidInput, message: "nothing to record", operation: operation)
        }
        var changes: [(annotation: IncidentAnnotation, text: String)] = []
        for annotation in annotations {
            changes.append(
                (annotation, try RecordInput.text(annotation.text, field: annotation.fieldName, operation: operation)))
        }
        let person = try RecordInput.person(by, operation: operation)
        let milliseconds = StoredTime.milliseconds(at)
        let checked = changes
        return try await write(operation) { db in
            let incident = try RecordInput.existing(db, id: id, operation: operation)
            let when = max(milliseconds, StoredTime.milliseconds(incident.detectedAt))
            for (annotation, text) in checked {
                let column: String? =
                    switch annotation {
                    case .note: nil
                    case .category: "category"
                    case .resolution: "resolution"
                    case .ticket: "ticket"
                    }
                if let column {
                    try db.execute(sql: "UPDATE incident SET \(column) = ? WHERE id = ?", arguments: [text, id])
                }
                try IncidentWrites.appendEvent(
                    db, incident: id, kind: annotation.eventKind, at: when, detail: text, by: person)
            }
            return try IncidentWrites.reload(db, incident: id)
        }
    }

    /// Opens a manual incident; see ``IncidentRecords/openManually(_:at:)``.
    ///
    /// - Parameters:
    ///   - draft: What is down, and who says so.
    ///   - at: When the outage began.
    /// - Returns: The new incident.
    /// - Throws: ``StoreError`` with code `invalidInput`, or a database error.
    public func openManually(_ draft: ManualIncidentDraft, at: Date) async throws(StoreError) -> Incident {
        let operation = "open manual incident"
        let summary = try RecordInput.text(draft.summary, field: "summary", operation: operation)
        let person = try RecordInput.person(draft.openedBy, operation: operation)
        guard !draft.labels.isEmpty else {
            throw StoreError(
                .invalidInput,
                message: "a manual incident needs labels that say what is affected: a device, or e.g. a site",
                operation: operation)
        }
        var category: String?
        if let given = draft.category {
            category = try RecordInput.text(given, field: "category", operation: operation)
        }
        var ticket: String?
        if let given = draft.ticket { ticket = try RecordInput.text(given, field: "ticket", operation: operation) }
        let (finalCategory, finalTicket) = (category, ticket)
        let labels = try IncidentRowFormat.encodeLabels(draft.labels)
        let detectedAt = StoredTime.milliseconds(at)
        let fingerprint = "manual:" + UUID().uuidString.lowercased()
        return try await write(operation) { db in
            try db.execute(
                sql: """
                    INSERT INTO incident (fingerprint, rule, severity, device, labels, summary, description, \
                    detected_at, origin, opened_by, category, ticket) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    fingerprint, ManualIncidentDraft.ruleName, draft.severity.rawValue, draft.labels["device"],
                    labels, summary, draft.description, detectedAt, IncidentOrigin.manual.rawValue, person,
                    finalCategory, finalTicket,
                ]
            )
            let id = db.lastInsertedRowID
            try IncidentWrites.appendEvent(db, incident: id, kind: .opened, at: detectedAt, detail: summary, by: person)
            if let category = finalCategory {
                try IncidentWrites.appendEvent(
                    db, incident: id, kind: .categorized, at: detectedAt, detail: category, by: person)
            }
            if let ticket = finalTicket {
                try IncidentWrites.appendEvent(
                    db, incident: id, kind: .ticketLinked, at: detectedAt, detail: ticket, by: person)
            }
            return try IncidentWrites.reload(db, incident: id)
        }
    }

    /// Restores a manual incident by hand; see ``IncidentRecords/restoreManually(id:by:at:)``.
    ///
    /// - Parameters:
    ///   - id: The incident.
    ///   - by: Who.
    ///   - at: When service came back.
    /// - Returns: The restored incident.
    /// - Throws: ``StoreError`` with code `notFound`, `invalidTransition`, or a database error.
    public func restoreManually(id: Int64, by: String, at: Date) async throws(StoreError) -> Incident {
        let operation = "restore incident"
        let person = try RecordInput.person(by, operation: operation)
        return try await write(operation) { db in
            let incident = try RecordInput.existing(db, id: id, operation: operation)
            guard incident.origin == .manual else {
                throw StoreError(
                    .invalidTransition,
                    message: "incident \(id) was opened by the alert \(incident.rule) and is restored when the alert "
                        + "clears; only manual incidents are restored by hand",
                    operation: operation)
            }
            let restoredAt = max(StoredTime.rounded(at), incident.detectedAt)
            var machine = IncidentStateMachine(state: incident.state)
            guard case .recordRestoration(let when) = machine.event(.restore(at: restoredAt)) else {
                throw IncidentWrites.invalidTransition(id, from: incident.state, to: .restored)
            }
            let milliseconds = StoredTime.milliseconds(when)
            try db.execute(sql: "UPDATE incident SET restored_at = ? WHERE id = ?", arguments: [milliseconds, id])
            let lasted = Duration.milliseconds(milliseconds - StoredTime.milliseconds(incident.detectedAt))
            try IncidentWrites.appendEvent(
                db, incident: id, kind: .restored, at: milliseconds,
                detail: "by hand after " + lasted.compactDescription,
                by: person)
            return try IncidentWrites.reload(db, incident: id)
        }
    }

    /// Deletes restored incidents older than `cutoff`, one batch; see ``IncidentRecords/purge(restoredBefore:batchSize:)``.
    ///
    /// - Parameters:
    ///   - cutoff: Incidents restored before this instant go.
    ///   - batchSize: The most incidents deleted.
    /// - Returns: How many were deleted.
    /// - Throws: ``StoreError`` when the database cannot be written.
    public func purge(restoredBefore cutoff: Date, batchSize: Int) async throws(StoreError) -> Int {
        let milliseconds = StoredTime.milliseconds(cutoff)
        let limit = max(1, batchSize)
        return try await write("purge incidents") { db in
            // Timelines and notifications go with their incident (ON DELETE CASCADE).
            try db.execute(
                sql: """
                    DELETE FROM incident WHERE id IN (SELECT id FROM incident \
                    WHERE restored_at IS NOT NULL AND restored_at < ? ORDER BY restored_at LIMIT ?)
                    """,
                arguments: [milliseconds, limit])
            return db.changesCount
        }
    }

    /// The incidents active in `[from, to)`; see ``IncidentRecords/spans(activeFrom:to:)``.
    ///
    /// - Parameters:
    ///   - from: The start of the period.
    ///   - to: The end of the period.
    /// - Returns: The spans, oldest first.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func spans(activeFrom from: Date, to: Date) async throws(StoreError) -> IncidentSpanTable {
        do {
            return try await IncidentSpanRows.spans(
                writer, from: StoredTime.milliseconds(from), to: StoredTime.milliseconds(to))
        } catch {
            throw StoreError.mapping(error, operation: "read incidents for a report", database: location)
        }
    }
}

/// Checks what people type before it is written.
enum RecordInput {
    /// `text` trimmed; refused when empty or longer than ``IncidentAnnotation/maximumLength``.
    static func text(_ text: String, field: String, operation: String) throws(StoreError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw StoreError(.invalidInput, message: "the \(field) is empty", operation: operation)
        }
        guard trimmed.count <= IncidentAnnotation.maximumLength else {
            throw StoreError(
                .invalidInput,
                message: "the \(field) has \(trimmed.count) characters; at most \(IncidentAnnotation.maximumLength)",
                operation: operation)
        }
        return trimmed
    }

    /// Who did it, trimmed; refused when empty.
    static func person(_ name: String, operation: String) throws(StoreError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw StoreError(
                .invalidInput, message: "say who is making the change (a name of 1 to 200 characters)",
                operation: operation)
        }
        return trimmed
    }

    /// Incident `id`, or a `notFound` error.
    static func existing(_ db: Database, id: Int64, operation: String) throws -> Incident {
        guard let incident = try IncidentRows.incident(db, id: id) else {
            throw StoreError(
                .notFound, message: "there is no incident \(id); list incidents to find its id", operation: operation)
        }
        return incident
    }
}
