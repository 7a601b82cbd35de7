import PostgresNIO
import VedettaCore
import VedettaIncidents

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
        let texts = try await TextColumn(session)
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
        default: throw corrupt("incident \(id) has an unknown severity")
        }
        let origin: IncidentOrigin
        switch kind / 4 {
        case 0: origin = .alert
        case 1: origin = .manual
        default: throw corrupt("incident \(id) has an unknown origin")
        }
        guard let labels = Int32(exactly: labels), let rule = Int32(exactly: rule),
            category.map({ Int32(exactly: $0) != nil }) ?? true
        else { throw corrupt("incident \(id) refers to a text number out of range") }
        return IncidentSpanTable.Row(
            id: id, rule: rule, severity: severity, labelSet: labels, origin: origin,
            category: category.map { Int32(truncatingIfNeeded: $0) }, detectedAt: detectedAt,
            acknowledgedAt: acknowledgedAt, restoredAt: restoredAt, maintenanceWindowID: window,
            pagedAfterMaintenanceAt: pagedAt)
    }

    /// The table of the rows, in their order, each text number turned into the table's index of its decoded
    /// value.
    private static func assemble(_ rows: [IncidentSpanTable.Row], texts: TextColumn) throws -> IncidentSpanTable {
        var table = IncidentSpanTable()
        table.reserveCapacity(rows.count)
        var labelSets = texts.numbering()
        var rules = texts.numbering()
        var categories = texts.numbering()
        for var row in rows {
            let id = row.id
            row.labelSet = try labelSets.index(of: row.labelSet, incident: id) { text in
                table.index(of: try IncidentRows.decodeLabels(text, incident: id))
            }
            row.rule = try rules.index(of: row.rule, incident: id) { table.index(ofRule: $0) }
            if let category = row.category {
                row.category = try categories.index(of: category, incident: id) { table.index(ofCategory: $0) }
            }
            table.append(row)
        }
        return table
    }

    static func corrupt(_ message: String) -> StoreError {
        StoreError(
            .corrupt, message: message + "; the database was changed outside Vedetta", operation: "read incident")
    }
}

/// The `report_text` column: every text a span refers to, by number.
struct TextColumn: Sendable {
    /// The texts by number, when the numbers are dense enough for an array (they are, unless somebody wrote
    /// numbers by hand).
    private let dense: [String?]
    /// The texts by number otherwise.
    private let sparse: [Int64: String]

    init(_ session: PostgresSession) async throws {
        var texts: [Int64: String] = [:]
        var highest: Int64 = 0
        let rows = try await session.connection.query("SELECT id, text FROM report_text", logger: session.logger)
        for try await row in rows {
            let (number, text) = try row.decode((Int64, String).self)
            texts[number] = text
            highest = max(highest, number)
        }
        if highest < Int64(Int32.max), highest <= 4 * Int64(texts.count) + 1024 {
            var dense = [String?](repeating: nil, count: Int(highest) + 1)
            for (number, text) in texts where number >= 0 { dense[Int(number)] = text }
            self.dense = dense
            self.sparse = [:]
        } else {
            self.dense = []
            self.sparse = texts
        }
    }

    /// The text numbered `number`.
    func text(_ number: Int32) -> String? {
        dense.isEmpty ? sparse[Int64(number)] : (number >= 0 && Int(number) < dense.count ? dense[Int(number)] : nil)
    }

    /// An empty translation of text numbers into table indices.
    func numbering() -> Numbering { Numbering(texts: self) }

    /// Turns text numbers into table indices, making each index once.
    struct Numbering {
        private let texts: TextColumn
        /// The index of each text number seen so far, -1 when not yet seen (numbers within the dense array).
        private var dense: [Int32]
        private var sparse: [Int32: Int32] = [:]

        init(texts: TextColumn) {
            self.texts = texts
            self.dense = Array(repeating: -1, count: texts.dense.count)
        }

        /// The index of the text numbered `number`, made by `make` from the text the first time.
        mutating func index(of number: Int32, incident: Int64, make: (String) throws -> Int32) throws -> Int32 {
            let slot = Int(number)
            if slot >= 0, slot < dense.count, dense[slot] >= 0 { return dense[slot] }
            if let known = sparse[number] { return known }
            guard let text = texts.text(number) else {
                throw IncidentSpanRows.corrupt("incident \(incident) refers to text \(number), which is missing")
            }
            let index = try make(text)
            if slot >= 0, slot < dense.count { dense[slot] = index } else { sparse[number] = index }
            return index
        }
    }
}
