import Foundation
import PostgresNIO
public import VedettaCore
public import VedettaIncidents

extension PostgresIncidentStore: StoreRowTransfer {
    /// The most parameters one `INSERT` binds (PostgreSQL's limit is 65,535).
    private static let parametersPerStatement = 30_000

    /// Reads `tables` in one `REPEATABLE READ READ ONLY` transaction (one snapshot; agents may go on writing), each
    /// through a cursor, `batchSize` rows at a time.
    /// - Throws: ``StoreError`` when the database cannot be read, or what `sink` throws.
    public func exportRows(
        of tables: [StoredTable], batchSize: Int,
        to sink: @Sendable (StoredTable, [[StoredValue]]) async throws(StoreError) -> Void
    ) async throws(StoreError) {
        try await read("export rows") { session in
            for table in tables {
                let columns = table.columns.map(Self.quoted).joined(separator: ", ")
                let order = table.order.map(Self.quoted).joined(separator: ", ")
                try await session.execute(
                    PostgresQuery(
                        unsafeSQL:
                            "DECLARE export NO SCROLL CURSOR FOR SELECT \(columns) FROM \(Self.quoted(table.name)) "
                            + "ORDER BY \(order)"))
                while true {
                    let rows = try await session.rows(PostgresQuery(unsafeSQL: "FETCH \(batchSize) FROM export"))
                        .map(Self.storedValues)
                    guard !rows.isEmpty else { break }
                    try await sink(table, rows)
                    guard rows.count == batchSize else { break }
                }
                try await session.execute("CLOSE export")
            }
        }
    }

    /// How many rows each of `tables` holds, from one snapshot.
    public func rowCounts(of tables: [StoredTable]) async throws(StoreError) -> [String: Int] {
        try await read("count rows") { session in
            var counts: [String: Int] = [:]
            for table in tables {
                let count = try await session.value(
                    PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(Self.quoted(table.name))"), as: Int64.self)
                counts[table.name] = Int(count ?? 0)
            }
            return counts
        }
    }

    /// Inserts `rows` into `table` in one transaction, each value cast to its column's type (a copied flag 0 or 1
    /// becomes a `BOOLEAN`); the row of a singleton table replaces the one there.
    public func importRows(_ rows: [[StoredValue]], into table: StoredTable) async throws(StoreError) {
        let rowsPerStatement = max(1, Self.parametersPerStatement / max(table.columns.count, 1))
        try await write("import \(table.name)") { session in
            let types = try await Self.columnTypes(session, table: table.name)
            if StoredTables.singletons.contains(table.name) {
                try await session.execute(PostgresQuery(unsafeSQL: "DELETE FROM \(Self.quoted(table.name))"))
            }
            var start = rows.startIndex
            while start < rows.endIndex {
                let end = min(start + rowsPerStatement, rows.endIndex)
                try await session.execute(Self.insert(rows[start..<end], into: table, types: types))
                start = end
            }
        }
    }

    /// Moves every identity counter past the highest id copied, so the next incident, event or entry gets a new
    /// number.
    public func finishImport(of tables: [StoredTable]) async throws(StoreError) {
        try await write("finish import") { session in
            for table in tables where table.columns.contains("id") {
                let name = Self.quoted(table.name)
                try await session.execute(
                    PostgresQuery(
                        unsafeSQL: """
                            SELECT setval(pg_get_serial_sequence('\(name)', 'id'), m, true)
                            FROM (SELECT max(id) AS m FROM \(name)) AS highest WHERE m IS NOT NULL
                            """))
            }
        }
    }

    private static func insert(
        _ rows: ArraySlice<[StoredValue]>, into table: StoredTable, types: [String: String]
    ) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: rows.count * table.columns.count)
        var tuples: [String] = []
        var parameter = 0
        for row in rows {
            var values: [String] = []
            for (column, value) in zip(table.columns, row) {
                parameter += 1
                switch value {
                case .null: bindings.appendNull()
                case .integer(let integer): bindings.append(integer)
                case .text(let text): bindings.append(text)
                }
                let type = types[column] ?? "text"
                values.append(type == "boolean" ? "($\(parameter)::bigint <> 0)" : "$\(parameter)::\(type)")
            }
            tuples.append("(" + values.joined(separator: ", ") + ")")
        }
        let columns = table.columns.map(quoted).joined(separator: ", ")
        return PostgresQuery(
            unsafeSQL: "INSERT INTO \(quoted(table.name)) (\(columns)) VALUES " + tuples.joined(separator: ", "),
            binds: bindings)
    }

    /// The SQL type of each column of `table` (`bigint`, `integer`, `text`, `boolean`).
    private static func columnTypes(_ session: PostgresSession, table: String) async throws -> [String: String] {
        var types: [String: String] = [:]
        let rows = try await session.rows(
            """
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(table)
            """)
        for row in rows {
            types[try row["column_name", as: String.self]] = try row["data_type", as: String.self]
        }
        return types
    }

    /// A row's values: integers and flags (as 0 or 1) as integers, everything else as text.
    private static func storedValues(_ row: StoredRow) throws -> [StoredValue] {
        try row.orderedCells.map { cell in
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
            case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
            default: return .text(try cell.decode(String.self))
            }
        }
    }

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
