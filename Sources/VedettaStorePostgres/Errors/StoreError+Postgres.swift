import PostgresNIO
import VedettaCore

extension StoreError {
    /// Maps an error thrown by PostgresNIO (or by the store's own code inside a transaction) to a ``StoreError``
    /// that names the operation, the statement and the database, with a hint of what to do.
    ///
    /// - Parameters:
    ///   - error: The error caught.
    ///   - operation: The store operation, e.g. `open incident`.
    ///   - database: The database's URL without its password.
    /// - Returns: The store error.
    static func mapping(_ error: any Error, operation: String, database: String) -> StoreError {
        switch error {
        case var storeError as StoreError:
            storeError.database = storeError.database ?? database
            return storeError
        case let psql as PSQLError:
            return mapping(psql, operation: operation, database: database)
        case let decoding as PostgresDecodingError:
            return StoreError(
                .corrupt,
                message: "the stored column \(decoding.columnName) cannot be read as \(decoding.targetType); "
                    + "the schema was changed outside Vedetta",
                operation: operation,
                database: database
            )
        case is CancellationError:
            return StoreError(
                .unavailable, message: "the task was cancelled before the database answered", operation: operation,
                database: database)
        default:
            return StoreError(.query, message: "\(error)", operation: operation, database: database)
        }
    }

    private static func mapping(_ error: PSQLError, operation: String, database: String) -> StoreError {
        let sql = error.query.map { String($0.sql.prefix(400)) }
        guard let server = error.serverInfo else {
            return StoreError(
                .unavailable,
                message: "cannot talk to PostgreSQL (\(error.code)\(error.underlying.map { ": \($0)" } ?? "")); "
                    + "check that the server runs, listens on the configured address and accepts the agent's host",
                operation: operation, sql: sql, database: database)
        }
        let state = server[.sqlState] ?? ""
        var message = server[.message] ?? "\(error.code)"
        if let detail = server[.detail] { message += " (\(detail))" }
        let (code, advice) = classify(sqlState: state)
        return StoreError(code, message: message + advice, operation: operation, sql: sql, database: database)
    }

    /// The code and a hint for a PostgreSQL SQLSTATE (Appendix A of the PostgreSQL manual).
    static func classify(sqlState state: String) -> (Code, String) {
        switch state {
        case "23505", "23503", "23514", "23502", "40001", "40P01":
            return (.conflict, "")
        case "28000", "28P01":
            return (.unavailable, "; check the role and its password (password_file or VEDETTA_POSTGRES_PASSWORD)")
        case "3D000":
            return (
                .notFound, "; create it (createdb --owner ROLE NAME, as the postgres user) or fix store.postgres.url"
            )
        case "42501":
            return (.unavailable, "; grant the agent's role the rights on the database and its tables")
        case "53100":
            return (.io, "; the server's disk is full")
        case "53300", "57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004":
            return (.unavailable, "; the server is not accepting connections now, retry later")
        case "XX001", "XX002":
            return (.corrupt, "; the server reports corrupt data: restore a backup")
        default:
            return (.query, "")
        }
    }
}
