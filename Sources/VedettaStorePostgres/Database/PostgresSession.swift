import Logging
public import PostgresNIO

/// One connection inside one transaction, as the store's queries see it: statements with bound parameters
/// (`PostgresQuery`'s interpolation binds every `\(value)`), their rows read by column name.
public struct PostgresSession: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs a statement and discards its rows.
    public func execute(_ query: PostgresQuery) async throws {
        _ = try await connection.query(query, logger: logger).collect()
    }

    /// Runs a statement and returns how many rows it returned: with `RETURNING 1`, how many it changed.
    public func count(_ query: PostgresQuery) async throws -> Int {
        let rows = try await connection.query(query, logger: logger)
        var affected = 0
        for try await _ in rows { affected += 1 }
        return affected
    }

    /// Runs a query and returns every row.
    public func rows(_ query: PostgresQuery) async throws -> [StoredRow] {
        var result: [StoredRow] = []
        for try await row in try await connection.query(query, logger: logger) {
            result.append(StoredRow(row))
        }
        return result
    }

    /// Runs a query and returns its first row, or `nil` when it has none.
    public func first(_ query: PostgresQuery) async throws -> StoredRow? {
        try await rows(query).first
    }

    /// The first column of the first row, or `nil` when there is no row (or the value is NULL).
    public func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> T?
    where T._DecodableType == T {
        guard let row = try await first(query) else { return nil }
        return try row[0, as: T?.self]
    }
}

/// A row read by column name, like GRDB's `row["column"]`.
public struct StoredRow: Sendable {
    private let cells: [String: PostgresCell]
    private let ordered: [PostgresCell]

    init(_ row: PostgresRow) {
        self.ordered = Array(row)
        self.cells = Dictionary(ordered.map { ($0.columnName, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The value of `column`, decoded as `T` (an optional type reads NULL as `nil`).
    /// - Throws: `PostgresDecodingError` when the value is of another type; ``StoredRowError`` when the row has no
    ///   such column.
    public subscript<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) -> T {
        get throws {
            guard let cell = cells[column] else { throw StoredRowError(column: column) }
            return try cell.decode(T.self)
        }
    }

    /// The value of the column at `index` (from 0), decoded as `T`.
    public subscript<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) -> T {
        get throws {
            guard ordered.indices.contains(index) else { throw StoredRowError(column: "#\(index)") }
            return try ordered[index].decode(T.self)
        }
    }

    /// The row's cells, in the query's column order.
    var orderedCells: [PostgresCell] { ordered }

    /// Whether the row has `column`.
    public func has(_ column: String) -> Bool { cells[column] != nil }
}

/// A query's row lacks a column the store reads: a mistake in the store's SQL, reported as such.
public struct StoredRowError: Error, CustomStringConvertible {
    /// The missing column.
    public var column: String
    public var description: String { "the query returned no column \(column)" }
}
