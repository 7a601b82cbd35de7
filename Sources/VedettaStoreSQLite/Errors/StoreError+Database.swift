import GRDB
import VedettaCore
import VedettaIncidents

extension StoreError {
    /// Maps an error thrown by GRDB (or by the store's own code inside a transaction) to a ``StoreError`` that names
    /// the operation, the statement and the database.
    ///
    /// - Parameters:
    ///   - error: The error caught.
    ///   - operation: The store operation, e.g. `open incident`.
    ///   - database: The database path, or `:memory:`.
    /// - Returns: The store error.
    static func mapping(_ error: any Error, operation: String, database: String) -> StoreError {
        switch error {
        case var storeError as StoreError:
            storeError.database = storeError.database ?? database
            return storeError
        case let databaseError as DatabaseError:
            let (code, advice) = classify(databaseError.resultCode)
            let message = (databaseError.message ?? "\(databaseError.resultCode)") + advice
            return StoreError(code, message: message, operation: operation, sql: databaseError.sql, database: database)
        case let decodingError as RowDecodingError:
            return StoreError(
                .corrupt,
                message: "a stored row cannot be read (\(decodingError)); the schema was changed outside Vedetta",
                operation: operation,
                database: database
            )
        case is CancellationError:
            return StoreError(
                .unavailable,
                message: "the task was cancelled before the database was reached",
                operation: operation,
                database: database
            )
        default:
            return StoreError(.query, message: "\(error)", operation: operation, database: database)
        }
    }

    /// The code and a hint of what to do for an SQLite primary result code.
    private static func classify(_ code: ResultCode) -> (Code, String) {
        switch code {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return (.unavailable, "; another process holds the database lock, retry later")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            return (.unavailable, "; check that the directory exists and is writable by the agent's user")
        case .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_NOLFS:
            return (.io, "; check the disk and the free space")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_FORMAT:
            return (.corrupt, "; restore the database from a backup or move it away to start a new one")
        case .SQLITE_CONSTRAINT:
            return (.conflict, "")
        default:
            return (.query, "")
        }
    }
}
