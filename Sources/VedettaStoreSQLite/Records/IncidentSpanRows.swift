import Foundation
import GRDB
import GRDBSQLite
import Synchronization
import VedettaCore
import VedettaIncidents
import VedettaStoreRows

/// Reads a report's ``IncidentSpanTable`` from `incident_span` (schema v5): one narrow row of numbers per incident,
/// clustered by detection time, its texts numbered in `report_text`.
///
/// A year of a large log is a million rows. The period is cut into slices of detection time (the first holds the
/// incidents detected before the period and still active in it); two connections take slices in turn until none
/// is left, so the work is shared however the incidents are spread. Each text is decoded once, when a row first
/// refers to it.
enum IncidentSpanRows {
    /// Slices of the period's detection time (besides the one before the period).
    static let sliceCount = 16
    /// Connections reading slices at once.
    static let readers = 2

    /// The spans with `detected_at < to AND (restored_at IS NULL OR restored_at >= from)`, oldest first (by
    /// detection, then id).
    static func spans(_ writer: any DatabaseWriter, from: Int64, to: Int64) async throws -> IncidentSpanTable {
        let slices = Slice.of(from: from, to: max(to, from), count: sliceCount)
        let next = Mutex(0)
        let read: @Sendable (Database) throws -> [(Int, [IncidentSpanTable.Row])] = { db in
            var done: [(Int, [IncidentSpanTable.Row])] = []
            while true {
                let index = next.withLock { index in
                    defer { index += 1 }
                    return index
                }
                guard index < slices.count else { return done }
                done.append((index, try rows(db, slices[index], activeFrom: from)))
            }
        }
        var parts: [(Int, [IncidentSpanTable.Row])]
        if let pool = writer as? DatabasePool {
            parts = try await withThrowingTaskGroup(of: [(Int, [IncidentSpanTable.Row])].self) { group in
                for _ in 0..<readers { group.addTask { try await pool.read(read) } }
                var all: [(Int, [IncidentSpanTable.Row])] = []
                for try await some in group { all += some }
                return all
            }
        } else {
            parts = try await writer.read(read)
        }
        parts.sort { $0.0 < $1.0 }
        let texts = ReportTextColumn(texts: try await writer.read { db in try reportTexts(db) })
        return try assemble(parts.map(\.1), texts: texts)
    }

    /// A range of detection times read by one query.
    struct Slice: Sendable {
        /// Detected at or after (`nil`: since ever).
        var lower: Int64?
        /// Detected before.
        var upper: Int64

        /// The slice before `from`, then `count` slices of `[from, to)` of equal length (fewer for short periods).
        static func of(from: Int64, to: Int64, count: Int) -> [Slice] {
            var slices = [Slice(lower: nil, upper: from)]
            let length = to - from
            let step = max(1, (length + Int64(count) - 1) / Int64(count))
            var lower = from
            while lower < to {
                let upper = min(to, lower + step)
                slices.append(Slice(lower: lower, upper: upper))
                lower = upper
            }
            return slices
        }
    }

    /// The rows of one slice active at or after `from`, with text numbers where the table wants its indices.
    private static func rows(_ db: Database, _ slice: Slice, activeFrom from: Int64) throws
        -> [IncidentSpanTable.Row]
    {
        let lower = slice.lower.map { _ in "detected_at >= ? AND " } ?? ""
        let statement = try db.cachedStatement(
            sql: """
                SELECT incident_id, detected_at, acknowledged_at, restored_at, paged_at, maintenance_window_id, \
                labels_text, rule_text, category_text, kind FROM incident_span \
                WHERE \(lower)detected_at < ? AND (restored_at IS NULL OR restored_at >= ?) \
                ORDER BY detected_at, incident_id
                """)
        var arguments: StatementArguments = slice.lower.map { [$0] } ?? []
        arguments += [slice.upper, from]
        statement.arguments = arguments
        var rows: [IncidentSpanTable.Row] = []
        let cursor = try Row.fetchCursor(statement)
        let sqlite = statement.sqliteStatement
        while try cursor.next() != nil {
            rows.append(try row(sqlite))
        }
        return rows
    }

    /// One row; `rule`, `labelSet` and `category` hold `report_text` numbers for ``assemble(_:texts:)``.
    private static func row(_ row: SQLiteStatement) throws -> IncidentSpanTable.Row {
        let id = sqlite3_column_int64(row, 0)
        let kind = sqlite3_column_int64(row, 9)
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
        let labels = sqlite3_column_int64(row, 6)
        let rule = sqlite3_column_int64(row, 7)
        let category = optional(row, 8)
        guard let labels = Int32(exactly: labels), let rule = Int32(exactly: rule),
            category.map({ Int32(exactly: $0) != nil }) ?? true
        else { throw IncidentRowFormat.corrupt("incident \(id) refers to a text number out of range") }
        return IncidentSpanTable.Row(
            id: id, rule: rule, severity: severity, labelSet: labels, origin: origin,
            category: category.map { Int32(truncatingIfNeeded: $0) }, detectedAt: sqlite3_column_int64(row, 1),
            acknowledgedAt: optional(row, 2), restoredAt: optional(row, 3), maintenanceWindowID: optional(row, 5),
            pagedAfterMaintenanceAt: optional(row, 4))
    }

    /// The table of the slices' rows, in slice order, each text number turned into the table's index of its
    /// decoded value.
    private static func assemble(_ parts: [[IncidentSpanTable.Row]], texts: ReportTextColumn) throws
        -> IncidentSpanTable
    {
        var table = IncidentSpanTable()
        table.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        var labelSets = texts.numbering()
        var rules = texts.numbering()
        var categories = texts.numbering()
        for part in parts {
            for var row in part {
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
        }
        return table
    }

    private static func optional(_ row: SQLiteStatement, _ column: Int32) -> Int64? {
        sqlite3_column_type(row, column) == SQLITE_NULL ? nil : sqlite3_column_int64(row, column)
    }

    /// The rows of `report_text`, by number.
    private static func reportTexts(_ db: Database) throws -> [Int64: String] {
        var texts: [Int64: String] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, text FROM report_text")
        while let row = try rows.next() {
            let number: Int64 = row[0]
            texts[number] = row[1]
        }
        return texts
    }
}
