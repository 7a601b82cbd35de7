#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// One row read from a store's database, by column name: what the row decoders of ``IncidentRowFormat`` need from
/// a row, whatever the database driver. Each store makes its driver's row type conform (GRDB's `Row`, the
/// PostgreSQL store's `StoredRow`); a value of another type than asked, or a missing column, throws the driver's
/// error.
public protocol StoredColumns {
    /// The non-null integer in `column`.
    func int64(_ column: String) throws -> Int64
    /// The integer in `column`, `nil` for NULL.
    func optionalInt64(_ column: String) throws -> Int64?
    /// The non-null text in `column`.
    func string(_ column: String) throws -> String
    /// The text in `column`, `nil` for NULL.
    func optionalString(_ column: String) throws -> String?
}

extension StoredColumns {
    /// The non-null integer in `column`, as an `Int`.
    public func int(_ column: String) throws -> Int {
        Int(truncatingIfNeeded: try int64(column))
    }

    /// The integer in `column` as an `Int`, `nil` for NULL.
    public func optionalInt(_ column: String) throws -> Int? {
        try optionalInt64(column).map { Int(truncatingIfNeeded: $0) }
    }

    /// The instant stored in `column` (``StoredTime``).
    public func date(_ column: String) throws -> Date {
        StoredTime.date(try int64(column))
    }

    /// The instant stored in `column` (``StoredTime``), `nil` for NULL.
    public func optionalDate(_ column: String) throws -> Date? {
        try optionalInt64(column).map(StoredTime.date)
    }
}
