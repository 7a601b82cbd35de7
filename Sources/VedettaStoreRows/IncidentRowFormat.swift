public import VedettaCore
public import VedettaIncidents

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How incidents, their timelines, escalations and outbox entries are stored in rows: the decoders and encoders
/// both stores use, so that the SQLite and PostgreSQL stores write and read the same values (and `vedetta store
/// copy` moves rows between them unchanged). A value the decoders refuse means the database was changed outside
/// Vedetta: ``StoreError/Code/corrupt``.
public enum IncidentRowFormat {
    /// Decodes one `incident` row, with its timeline.
    public static func incident(_ row: some StoredColumns, timeline: [IncidentEvent]) throws -> Incident {
        let id = try row.int64("id")
        return Incident(
            id: id,
            fingerprint: try row.string("fingerprint"),
            rule: try row.string("rule"),
            severity: try severity(row.string("severity"), incident: id),
            labels: try decodeLabels(try row.string("labels"), incident: id),
            summary: try row.string("summary"),
            description: try row.string("description"),
            detectedAt: try row.date("detected_at"),
            acknowledgedAt: try row.optionalDate("acknowledged_at"),
            acknowledgedBy: try row.optionalString("acknowledged_by"),
            restoredAt: try row.optionalDate("restored_at"),
            timeline: timeline,
            maintenanceWindowID: try row.optionalInt64("maintenance_window_id"),
            origin: try origin(row.string("origin"), incident: id),
            openedBy: try row.optionalString("opened_by"),
            category: try row.optionalString("category"),
            resolution: try row.optionalString("resolution"),
            ticket: try row.optionalString("ticket")
        )
    }

    /// Decodes one `incident_event` row (`kind`, `at`, `detail`, `by`).
    public static func event(_ row: some StoredColumns) throws -> IncidentEvent {
        IncidentEvent(
            kind: IncidentEvent.Kind(rawValue: try row.string("kind")),
            at: try row.date("at"),
            detail: try row.string("detail"),
            by: try row.optionalString("by")
        )
    }

    /// Decodes one `escalation` row.
    public static func escalation(_ row: some StoredColumns) throws -> EscalationState {
        EscalationState(
            incidentID: try row.int64("incident_id"),
            policy: try row.string("policy"),
            nextStep: try row.int("next_step"),
            nextAt: try row.optionalDate("next_at"),
            startedAt: try row.date("started_at"),
            stoppedAt: try row.optionalDate("stopped_at"),
            stopReason: try row.optionalString("stop_reason"),
            groupKey: try row.optionalString("group_key"))
    }

    /// Decodes one `outbox` row.
    public static func outboxEntry(_ row: some StoredColumns) throws -> OutboxEntry {
        let recipient = try row.string("recipient")
        return OutboxEntry(
            id: try row.int64("id"),
            incidentID: try row.int64("incident_id"),
            channel: try row.string("channel"),
            event: IncidentEvent.Kind(rawValue: try row.string("event")),
            recipient: recipient.isEmpty ? nil : recipient,
            step: try row.int("step"),
            fallback: try row.optionalString("fallback_channel").map {
                OutboxFallback(channel: $0, afterFailures: try row.optionalInt("fallback_after") ?? 1)
            },
            createdAt: try row.date("created_at"),
            attempts: try row.int("attempts"),
            nextAttemptAt: try row.date("next_attempt_at"),
            lastError: try row.optionalString("last_error"),
            deliveredAt: try row.optionalDate("delivered_at"),
            abandonedAt: try row.optionalDate("abandoned_at"),
            claimedBy: try row.optionalString("claimed_by"),
            claimExpiresAt: try row.optionalDate("claim_expires_at")
        )
    }

    /// The `severity` column's value for incident `id`.
    public static func severity(_ name: String, incident id: Int64) throws(StoreError) -> Severity {
        guard let severity = Severity(rawValue: name) else {
            throw corrupt("incident \(id) has the unknown severity '\(name)'")
        }
        return severity
    }

    /// The `origin` column's value for incident `id`.
    public static func origin(_ name: String, incident id: Int64) throws(StoreError) -> IncidentOrigin {
        guard let origin = IncidentOrigin(rawValue: name) else {
            throw corrupt("incident \(id) has the unknown origin '\(name)'")
        }
        return origin
    }

    /// Decodes the `labels` column (a JSON object of strings) of incident `id`.
    public static func decodeLabels(_ text: String, incident id: Int64) throws(StoreError) -> LabelSet {
        guard let dictionary = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else {
            throw corrupt("incident \(id) has labels that are not a JSON object of strings: \(text)")
        }
        return LabelSet(dictionary)
    }

    /// Encodes labels as a JSON object with sorted keys.
    public static func encodeLabels(_ labels: LabelSet) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(labels.dictionary), let text = String(data: data, encoding: .utf8) else {
            let message = "the labels \(labels) cannot be encoded as JSON"
            throw StoreError(.query, message: message, operation: "encode labels")
        }
        return text
    }

    /// The error for a stored incident value Vedetta never writes.
    public static func corrupt(_ message: String) -> StoreError {
        StoreError(
            .corrupt, message: message + "; the database was changed outside Vedetta", operation: "read incident")
    }
}
