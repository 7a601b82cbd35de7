import Foundation
import GRDB
import GRDBSQLite
import VedettaCore
import VedettaIncidents

/// Reads incidents as report spans: no timeline, no texts. A year of incidents is a million rows, so the columns
/// are read straight from SQLite and every repeated text (labels, rule, severity, category) is decoded once
/// (``TextInterner``); a large read is split in two halves by detection time, read at once on two connections.
enum IncidentSpanRows {
    /// Below this many rows one connection reads everything.
    static let parallelThreshold = 50_000

    /// The spans with `detected_at < to AND (restored_at IS NULL OR restored_at >= from)`, oldest first (by
    /// detection, then id).
    static func spans(_ writer: any DatabaseWriter, from: Int64, to: Int64) async throws -> [IncidentSpan] {
        guard let pool = writer as? DatabasePool else {
            return try await writer.read { db in try read(db, from: from, to: to, detectedFrom: nil, detectedTo: to) }
        }
        // The median detection time of the period's incidents splits the read in two halves.
        let middle = try await pool.read { db -> Int64? in
            let count =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM incident WHERE detected_at >= ? AND detected_at < ?",
                    arguments: [from, to]) ?? 0
            guard count >= parallelThreshold else { return nil }
            return try Int64.fetchOne(
                db,
                sql: """
                    SELECT detected_at FROM incident WHERE detected_at >= ? AND detected_at < ? \
                    ORDER BY detected_at LIMIT 1 OFFSET ?
                    """,
                arguments: [from, to, count / 2])
        }
        guard let middle else {
            return try await pool.read { db in try read(db, from: from, to: to, detectedFrom: nil, detectedTo: to) }
        }
        async let early = pool.read { db in try read(db, from: from, to: to, detectedFrom: nil, detectedTo: middle) }
        async let late = pool.read { db in try read(db, from: from, to: to, detectedFrom: middle, detectedTo: to) }
        var spans = try await early
        spans.append(contentsOf: try await late)
        return spans
    }

    /// One connection's share: the period's spans detected in `[detectedFrom, detectedTo)`.
    private static func read(_ db: Database, from: Int64, to: Int64, detectedFrom: Int64?, detectedTo: Int64) throws
        -> [IncidentSpan]
    {
        let lowerBound = detectedFrom.map { _ in "detected_at >= ? AND " } ?? ""
        let statement = try db.makeStatement(
            sql: """
                SELECT id, rule, severity, labels, origin, category, detected_at, acknowledged_at, restored_at, \
                maintenance_window_id, CASE WHEN maintenance_window_id IS NULL THEN NULL ELSE \
                (SELECT MIN(at) FROM incident_event e WHERE e.incident_id = incident.id AND e.kind = 'unmuted') END \
                AS paged_at FROM incident WHERE \(lowerBound)detected_at < ? AND detected_at < ? \
                AND (restored_at IS NULL OR restored_at >= ?) ORDER BY detected_at, id
                """)
        var arguments: StatementArguments = detectedFrom.map { [$0] } ?? []
        arguments += [detectedTo, to, from]
        statement.arguments = arguments
        var reader = Reader()
        var spans: [IncidentSpan] = []
        let cursor = try Row.fetchCursor(statement)
        let sqlite = statement.sqliteStatement
        while try cursor.next() != nil {
            spans.append(try reader.span(sqlite))
        }
        return spans
    }

    /// Decodes rows, remembering the texts it has seen.
    private struct Reader {
        private var labels = TextInterner<LabelSet>()
        private var rules = TextInterner<String>()
        private var categories = TextInterner<String>()

        mutating func span(_ row: SQLiteStatement) throws -> IncidentSpan {
            let id = sqlite3_column_int64(row, 0)
            let severityValue = try Self.text(row, 2, id: id, column: "severity") { pointer, count in
                Self.choose(pointer, count, among: Severity.allCases)
            }
            guard let severity = severityValue else { throw Self.corrupt("incident \(id) has an unknown severity") }
            let originValue = try Self.text(row, 4, id: id, column: "origin") { pointer, count in
                Self.choose(pointer, count, among: IncidentOrigin.allCases)
            }
            guard let origin = originValue else { throw Self.corrupt("incident \(id) has an unknown origin") }
            return IncidentSpan(
                id: id,
                rule: try Self.text(row, 1, id: id, column: "rule") { rules.value($0, count: $1) { $0 } },
                severity: severity,
                labels: try Self.text(row, 3, id: id, column: "labels") { pointer, count in
                    try labels.value(pointer, count: count) { try IncidentRows.decodeLabels($0, incident: id) }
                },
                origin: origin,
                category: sqlite3_column_type(row, 5) == SQLITE_NULL
                    ? nil
                    : try Self.text(row, 5, id: id, column: "category") { categories.value($0, count: $1) { $0 } },
                detectedAt: StoredTime.date(sqlite3_column_int64(row, 6)),
                acknowledgedAt: Self.optionalTime(row, 7),
                restoredAt: Self.optionalTime(row, 8),
                maintenanceWindowID: sqlite3_column_type(row, 9) == SQLITE_NULL ? nil : sqlite3_column_int64(row, 9),
                pagedAfterMaintenanceAt: Self.optionalTime(row, 10)
            )
        }

        /// The case of `cases` whose raw value is the `count` bytes at `pointer`.
        private static func choose<T: RawRepresentable>(_ pointer: UnsafePointer<UInt8>, _ count: Int, among cases: [T])
            -> T? where T.RawValue == String
        {
            cases.first { value in
                var raw = value.rawValue
                return raw.withUTF8 { utf8 in
                    utf8.count == count
                        && (count == 0 || utf8.baseAddress.map { memcmp($0, pointer, count) == 0 } == true)
                }
            }
        }

        private static func optionalTime(_ row: SQLiteStatement, _ column: Int32) -> Date? {
            sqlite3_column_type(row, column) == SQLITE_NULL ? nil : StoredTime.date(sqlite3_column_int64(row, column))
        }

        /// Hands the text of `column` (its bytes and length) to `body`; a NULL is a corrupt row.
        private static func text<T>(
            _ row: SQLiteStatement, _ column: Int32, id: Int64, column name: String,
            _ body: (UnsafePointer<UInt8>, Int) throws -> T
        ) throws -> T {
            guard let pointer = sqlite3_column_text(row, column) else {
                throw corrupt("incident \(id) has no \(name)")
            }
            return try body(pointer, Int(sqlite3_column_bytes(row, column)))
        }

        private static func corrupt(_ message: String) -> StoreError {
            StoreError(
                .corrupt, message: message + "; the database was changed outside Vedetta", operation: "read incident")
        }
    }
}
