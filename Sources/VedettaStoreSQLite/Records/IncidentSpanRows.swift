import GRDB
import VedettaCore
import VedettaIncidents

/// Reads incidents as report spans: no timeline, no texts, and each distinct label set decoded once (a year of
/// incidents repeats the same few thousand label sets).
enum IncidentSpanRows {
    /// The spans selected by `detected_at < ?1 AND (restored_at IS NULL OR restored_at >= ?2)`, oldest first.
    static func spans(_ db: Database, arguments: StatementArguments) throws -> [IncidentSpan] {
        let sql = """
            SELECT id, rule, severity, labels, origin, category, detected_at, acknowledged_at, restored_at, \
            maintenance_window_id, CASE WHEN maintenance_window_id IS NULL THEN NULL ELSE \
            (SELECT MIN(at) FROM incident_event e WHERE e.incident_id = incident.id AND e.kind = 'unmuted') END \
            AS paged_at FROM incident WHERE detected_at < ? AND (restored_at IS NULL OR restored_at >= ?) \
            ORDER BY detected_at, id
            """
        var labelSets: [String: LabelSet] = [:]
        var spans: [IncidentSpan] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            let id: Int64 = row[0]
            let labelText: String = row[3]
            let labels: LabelSet
            if let known = labelSets[labelText] {
                labels = known
            } else {
                labels = try IncidentRows.decodeLabels(labelText, incident: id)
                labelSets[labelText] = labels
            }
            spans.append(
                IncidentSpan(
                    id: id,
                    rule: row[1],
                    severity: try IncidentRows.severity(row, incident: id),
                    labels: labels,
                    origin: try IncidentRows.origin(row, incident: id),
                    category: row[5],
                    detectedAt: StoredTime.date(row[6]),
                    acknowledgedAt: (row[7] as Int64?).map(StoredTime.date),
                    restoredAt: (row[8] as Int64?).map(StoredTime.date),
                    maintenanceWindowID: row[9],
                    pagedAfterMaintenanceAt: (row[10] as Int64?).map(StoredTime.date)
                ))
        }
        return spans
    }
}
