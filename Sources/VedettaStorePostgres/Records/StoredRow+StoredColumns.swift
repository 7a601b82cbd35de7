public import VedettaStoreRows

/// A PostgreSQL row read by column name for the shared row decoders.
extension StoredRow: StoredColumns {
    public func int64(_ column: String) throws -> Int64 { try self[column, as: Int64.self] }
    public func optionalInt64(_ column: String) throws -> Int64? { try self[column, as: Int64?.self] }
    public func string(_ column: String) throws -> String { try self[column, as: String.self] }
    public func optionalString(_ column: String) throws -> String? { try self[column, as: String?.self] }
}
