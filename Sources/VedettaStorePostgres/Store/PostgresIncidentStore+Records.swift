public import Foundation
import PostgresNIO
public import VedettaCore
public import VedettaIncidents
import VedettaStoreRows

extension PostgresIncidentStore: IncidentRecords {
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
        return try await write(operation) { session in
            let incident = try await RecordInput.existing(session, id: id, operation: operation)
            let when = max(milliseconds, StoredTime.milliseconds(incident.detectedAt))
            for (annotation, text) in checked {
                // The column names are constants of this switch, never input.
                let column: String? =
                    switch annotation {
                    case .note: nil
                    case .category: "category"
                    case .resolution: "resolution"
                    case .ticket: "ticket"
                    }
                if let column {
                    try await session.execute("UPDATE incident SET \(unescaped: column) = \(text) WHERE id = \(id)")
                }
                try await IncidentWrites.appendEvent(
                    session, incident: id, kind: annotation.eventKind, at: when, detail: text, by: person)
            }
            return try await IncidentWrites.reload(session, incident: id)
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
        let device = draft.labels["device"]
        let description = draft.description
        let severity = draft.severity.rawValue
        return try await write(operation) { session in
            let inserted = try await session.value(
                """
                INSERT INTO incident (fingerprint, rule, severity, device, labels, summary, description, \
                detected_at, origin, opened_by, category, ticket) VALUES (\(fingerprint), \
                \(ManualIncidentDraft.ruleName), \(severity), \(device), \(labels), \(summary), \(description), \
                \(detectedAt), \(IncidentOrigin.manual.rawValue), \(person), \(finalCategory), \(finalTicket)) \
                RETURNING id
                """,
                as: Int64.self
            )
            guard let id = inserted else {
                throw StoreError(.query, message: "the new incident's id was not returned", operation: operation)
            }
            try await IncidentWrites.appendEvent(
                session, incident: id, kind: .opened, at: detectedAt, detail: summary, by: person)
            if let category = finalCategory {
                try await IncidentWrites.appendEvent(
                    session, incident: id, kind: .categorized, at: detectedAt, detail: category, by: person)
            }
            if let ticket = finalTicket {
                try await IncidentWrites.appendEvent(
                    session, incident: id, kind: .ticketLinked, at: detectedAt, detail: ticket, by: person)
            }
            return try await IncidentWrites.reload(session, incident: id)
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
        return try await write(operation) { session in
            let incident = try await RecordInput.existing(session, id: id, operation: operation)
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
            try await session.execute("UPDATE incident SET restored_at = \(milliseconds) WHERE id = \(id)")
            let lasted = Duration.milliseconds(milliseconds - StoredTime.milliseconds(incident.detectedAt))
            try await IncidentWrites.appendEvent(
                session, incident: id, kind: .restored, at: milliseconds,
                detail: "by hand after " + lasted.compactDescription,
                by: person)
            return try await IncidentWrites.reload(session, incident: id)
        }
    }

    /// Deletes restored incidents older than `cutoff`, one batch; see
    /// ``IncidentRecords/purge(restoredBefore:batchSize:)``.
    ///
    /// - Parameters:
    ///   - cutoff: Incidents restored before this instant go.
    ///   - batchSize: The most incidents deleted.
    /// - Returns: How many were deleted.
    /// - Throws: ``StoreError`` when the database cannot be written.
    public func purge(restoredBefore cutoff: Date, batchSize: Int) async throws(StoreError) -> Int {
        let milliseconds = StoredTime.milliseconds(cutoff)
        let limit = max(1, batchSize)
        return try await write("purge incidents") { session in
            // Timelines and notifications go with their incident (ON DELETE CASCADE).
            try await session.count(
                """
                DELETE FROM incident WHERE id IN (SELECT id FROM incident \
                WHERE restored_at IS NOT NULL AND restored_at < \(milliseconds) ORDER BY restored_at LIMIT \(limit)) \
                RETURNING 1
                """
            )
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
        let start = StoredTime.milliseconds(from)
        let end = StoredTime.milliseconds(to)
        return try await read("read incidents for a report") { session in
            try await IncidentSpanRows.spans(session, from: start, to: end)
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
    static func existing(_ session: PostgresSession, id: Int64, operation: String) async throws -> Incident {
        guard let incident = try await IncidentRows.incident(session, id: id) else {
            throw StoreError(
                .notFound, message: "there is no incident \(id); list incidents to find its id", operation: operation)
        }
        return incident
    }
}
