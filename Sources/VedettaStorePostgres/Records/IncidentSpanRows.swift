import PostgresNIO
import VedettaCore
import VedettaIncidents
import VedettaStoreRows

/// Reads a report's ``IncidentSpanTable`` from `incident_span`: one narrow row of numbers per incident, kept by
/// triggers, its texts numbered in `report_text`.
///
/// A year of a large log is a million rows. They come in one query, streamed and decoded by position straight
/// into the table's rows (no row dictionaries), inside the caller's read transaction, so the spans and the texts
/// they number are one snapshot. Each text is decoded once, when a row first refers to it. (The SQLite store cuts
/// the period into slices read by two connections; here the server streams the rows while they are decoded.)
enum IncidentSpanRows {
    /// The spans with `detected_at < to AND (restored_at IS NULL OR restored_at >= from)`, oldest first (by
    /// detection, then id).
    static func spans(_ session: PostgresSession, from: Int64, to: Int64) async throws -> IncidentSpanTable {
        let query: PostgresQuery = """
            SELECT incident_id, detected_at, acknowledged_at, restored_at, paged_at, maintenance_window_id, \
            labels_text, rule_text, category_text, kind FROM incident_span \
            WHERE detected_at < \(max(to, from)) AND (restored_at IS NULL OR restored_at >= \(from)) \
            ORDER BY detected_at, incident_id
            """
        var rows: [IncidentSpanTable.Row] = []
        for try await row in try await session.connection.query(query, logger: session.logger) {
            rows.append(try span(row))
        }
        let texts = ReportTextColumn(texts: try await reportTexts(session))
        return try assemble(rows, texts: texts)
    }

    /// One row; `rule`, `labelSet` and `category` hold `report_text` numbers for ``assemble(_:texts:)``.
    private static func span(_ row: PostgresRow) throws -> IncidentSpanTable.Row {
        let (id, detectedAt, acknowledgedAt, restoredAt, pagedAt, window, labels, rule, category, kind) =
            try row.decode((Int64, Int64, Int64?, Int64?, Int64?, Int64?, Int64, Int64, Int64?, Int64).self)
        let severity: Severity
        switch kind % 4 {
        case 0: severity = .info
        case 1: severity = .warning
        case 2: severity = .critical
        default: throw IncidentRowFormat.corrupt("incident \(id) has an unknown severity")
        }
        let origin: IncidentOrigin
        switch kind / 4 {
        case 0: origin = .alert
        case 1: origin = .manual
        default: throw IncidentRowFormat.corrupt("incident \(id) has an unknown origin")
        }
        guard let labels = Int32(exactly: labels), let rule = Int32(exactly: rule),
            category.map({ Int32(exactly: $0) != nil }) ?? true
        else { throw IncidentRowFormat.corrupt("incident \(id) refers to a text number out of range") }
        return IncidentSpanTable.Row(
            id: id, rule: rule, severity: severity, labelSet: labels, origin: origin,
            category: category.map { Int32(truncatingIfNeeded: $0) }, detectedAt: detectedAt,
            acknowledgedAt: acknowledgedAt, restoredAt: restoredAt, maintenanceWindowID: window,
            pagedAfterMaintenanceAt: pagedAt)
    }

    /// The table of the rows, in their order, each text number turned into the table's index of its decoded
    /// value.
    private static func assemble(_ rows: [IncidentSpanTable.Row], texts: ReportTextColumn) throws -> IncidentSpanTable {
        var table = IncidentSpanTable()
        table.reserveCapacity(rows.count)
        var labelSets = texts.numbering()
        var rules = texts.numbering()
        var categories = texts.numbering()
        for var row in rows {
            let id = row.id
            row.labelSet = try labelSets.index(of: row.labelSet, incident: id) { text in
                table.index(of: try IncidentRowFormat.decodeLabels(text, incident: id))
            }
            row.rule = try rules.index(of: row.rule, incident: id) { table.index(ofRule: $0) }
            if let category = row.category {
                row.category = try categories.index(of: category, incident: id) { table.index(ofCategory: $0) }
            }
            table.append(row)
        }
        return table
    }

    /// The rows of `report_text`, by number.
    private static func reportTexts(_ session: PostgresSession) async throws -> [Int64: String] {
        var texts: [Int64: String] = [:]
        let rows = try await session.connection.query("SELECT id, text FROM report_text", logger: session.logger)
        for try await row in rows {
            let (number, text) = try row.decode((Int64, String).self)
            texts[number] = text
        }
        return texts
    }
}
