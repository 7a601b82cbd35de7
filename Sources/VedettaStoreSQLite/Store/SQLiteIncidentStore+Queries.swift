import GRDB
public import VedettaCore
public import VedettaIncidents
import VedettaStoreRows

extension SQLiteIncidentStore {
    /// Returns incident `id` with its timeline; see ``IncidentLog/incident(id:)``.
    ///
    /// - Parameter id: The incident.
    /// - Returns: The incident, or `nil`.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func incident(id: Int64) async throws(StoreError) -> Incident? {
        try await read("read incident") { db in try IncidentRows.incident(db, id: id) }
    }

    /// Returns the incidents not restored yet, oldest first; see ``IncidentLog/openIncidents()``.
    ///
    /// - Returns: The open and acknowledged incidents.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func openIncidents() async throws(StoreError) -> [Incident] {
        try await read("read open incidents") { db in
            try IncidentRows.incidents(
                db,
                sql: "SELECT * FROM incident WHERE restored_at IS NULL ORDER BY detected_at, id"
            )
        }
    }

    /// Returns the incidents matching `query`, newest first; see ``IncidentLog/incidents(matching:)``.
    ///
    /// - Parameter query: The filters.
    /// - Returns: At most `query.limit` incidents.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func incidents(matching query: IncidentQuery) async throws(StoreError) -> [Incident] {
        var conditions: [String] = []
        var arguments = StatementArguments()
        switch query.state {
        case .open: conditions.append("restored_at IS NULL")
        case .unacknowledged: conditions.append("restored_at IS NULL AND acknowledged_at IS NULL")
        case .acknowledged: conditions.append("restored_at IS NULL AND acknowledged_at IS NOT NULL")
        case .restored: conditions.append("restored_at IS NOT NULL")
        case .all: break
        }
        if let since = query.since {
            conditions.append("(restored_at IS NULL OR restored_at >= ?)")
            arguments += [StoredTime.milliseconds(since)]
        }
        if let device = query.device {
            conditions.append("device = ?")
            arguments += [device.rawValue]
        }
        if let rule = query.rule {
            conditions.append("rule = ?")
            arguments += [rule]
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT * FROM incident\(filter) ORDER BY detected_at DESC, id DESC LIMIT ?"
        arguments += [max(1, query.limit)]
        let finalArguments = arguments
        return try await read("query incidents") { db in
            try IncidentRows.incidents(db, sql: sql, arguments: finalArguments)
        }
    }
}
