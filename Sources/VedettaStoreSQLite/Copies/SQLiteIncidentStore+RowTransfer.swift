import GRDB
public import VedettaCore
public import VedettaIncidents

extension SQLiteIncidentStore: StoreRowTransfer {
    /// Reads `tables` from one snapshot of the database (a WAL snapshot: the agent may go on writing meanwhile; what
    /// it writes after the snapshot is not read), `batchSize` rows at a time.
    /// - Throws: ``StoreError`` when the database cannot be read, or what `sink` throws.
    public func exportRows(
        of tables: [StoredTable], batchSize: Int,
        to sink: @Sendable (StoredTable, [[StoredValue]]) async throws(StoreError) -> Void
    ) async throws(StoreError) {
        let reader: any DatabaseReader
        do {
            reader = try (writer as? DatabasePool)?.makeSnapshot() ?? writer
        } catch {
            throw StoreError.mapping(error, operation: "export rows", database: location)
        }
        for table in tables {
            var cursor = RowCursor(table: table)
            while true {
                let query = cursor.query(batchSize: batchSize)
                let rows: [[StoredValue]]
                do {
                    rows = try await reader.read { db in
                        try Row.fetchAll(db, sql: query.sql, arguments: query.arguments).map(Self.storedValues)
                    }
                } catch {
                    throw StoreError.mapping(error, operation: "export \(table.name)", database: location)
                }
                guard !rows.isEmpty else { break }
                try await sink(table, rows)
                guard rows.count == batchSize else { break }
                cursor.advance(past: rows)
            }
        }
    }

    /// How many rows each of `tables` holds.
    public func rowCounts(of tables: [StoredTable]) async throws(StoreError) -> [String: Int] {
        try await read("count rows") { db in
            var counts: [String: Int] = [:]
            for table in tables {
                counts[table.name] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table.name)\"") ?? 0
            }
            return counts
        }
    }

    /// Inserts `rows` into `table` in one transaction; the row of a singleton table replaces the one there.
    public func importRows(_ rows: [[StoredValue]], into table: StoredTable) async throws(StoreError) {
        let verb = StoredTables.singletons.contains(table.name) ? "INSERT OR REPLACE" : "INSERT"
        let columns = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        let sql = "\(verb) INTO \"\(table.name)\" (\(columns)) VALUES (\(placeholders))"
        try await write("import \(table.name)") { db in
            let statement = try db.cachedStatement(sql: sql)
            for row in rows {
                try statement.execute(arguments: StatementArguments(row.map(Self.databaseValue)))
            }
        }
    }

    /// Nothing to do: an `AUTOINCREMENT` table's counter follows the highest id inserted.
    public func finishImport(of tables: [StoredTable]) async throws(StoreError) {}

    private static func storedValues(_ row: Row) -> [StoredValue] {
        row.databaseValues.map { value in
            switch value.storage {
            case .null: .null
            case .int64(let integer): .integer(integer)
            case .double(let real): .integer(Int64(real))
            case .string(let text): .text(text)
            case .blob(let data): .text(String(decoding: data, as: UTF8.self))
            }
        }
    }

    private static func databaseValue(_ value: StoredValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let integer): integer.databaseValue
        case .text(let text): text.databaseValue
        }
    }

    /// Where the next batch of a table starts: after the last key read (one-column keys), or at an offset
    /// (compound keys, small tables).
    private struct RowCursor {
        let table: StoredTable
        var lastKey: StoredValue?
        var offset = 0

        init(table: StoredTable) {
            self.table = table
        }

        func query(batchSize: Int) -> (sql: String, arguments: StatementArguments) {
            let columns = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
            let order = table.order.map { "\"\($0)\"" }.joined(separator: ", ")
            let base = "SELECT \(columns) FROM \"\(table.name)\""
            if table.order.count == 1, let key = table.order.first {
                guard let lastKey else { return ("\(base) ORDER BY \(order) LIMIT \(batchSize)", []) }
                return (
                    "\(base) WHERE \"\(key)\" > ? ORDER BY \(order) LIMIT \(batchSize)",
                    [SQLiteIncidentStore.databaseValue(lastKey)]
                )
            }
            return ("\(base) ORDER BY \(order) LIMIT \(batchSize) OFFSET \(offset)", [])
        }

        mutating func advance(past rows: [[StoredValue]]) {
            offset += rows.count
            if table.order.count == 1, let key = table.order.first, let index = table.columns.firstIndex(of: key),
                let last = rows.last
            {
                lastKey = last[index]
            }
        }
    }
}
