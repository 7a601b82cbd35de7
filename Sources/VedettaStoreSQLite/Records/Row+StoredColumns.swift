import GRDB
import VedettaStoreRows

/// A GRDB row read by column name for the shared row decoders of `VedettaStoreRows`.
struct StoredColumnsOfRow: StoredColumns {
    let row: Row

    init(_ row: Row) {
        self.row = row
    }

    func int64(_ column: String) throws -> Int64 { try row.decode(Int64.self, forColumn: column) }
    func optionalInt64(_ column: String) throws -> Int64? { try row.decode(Int64?.self, forColumn: column) }
    func string(_ column: String) throws -> String { try row.decode(String.self, forColumn: column) }
    func optionalString(_ column: String) throws -> String? { try row.decode(String?.self, forColumn: column) }
}

extension Row {
    /// The row as the shared decoders read it.
    var columns: StoredColumnsOfRow { StoredColumnsOfRow(self) }
}
