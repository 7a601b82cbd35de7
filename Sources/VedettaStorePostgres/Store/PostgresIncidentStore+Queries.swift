import PostgresNIO
public import VedettaCore
public import VedettaIncidents
import VedettaStoreRows

extension PostgresIncidentStore {
    /// Returns incident `id` with its timeline; see ``IncidentLog/incident(id:)``.
    ///
    /// - Parameter id: The incident.
    /// - Returns: The incident, or `nil`.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func incident(id: Int64) async throws(StoreError) -> Incident? {
        try await read("read incident") { session in try await IncidentRows.incident(session, id: id) }
    }

    /// Returns the incidents not restored yet, oldest first; see ``IncidentLog/openIncidents()``.
    ///
    /// - Returns: The open and acknowledged incidents.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func openIncidents() async throws(StoreError) -> [Incident] {
        try await read("read open incidents") { session in
            try await IncidentRows.incidents(
                session, sql: "SELECT * FROM incident WHERE restored_at IS NULL ORDER BY detected_at, id")
        }
    }

    /// Returns the incidents matching `query`, newest first; see ``IncidentLog/incidents(matching:)``.
    ///
    /// - Parameter query: The filters.
    /// - Returns: At most `query.limit` incidents.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func incidents(matching query: IncidentQuery) async throws(StoreError) -> [Incident] {
        var conditions: [String] = []
        var binds = PostgresBindings()
        // Each value is bound as the next `$n`; only the constant SQL around it is spliced in.
        func bind(_ value: some PostgresNonThrowingEncodable) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        switch query.state {
        case .open: conditions.append("restored_at IS NULL")
        case .unacknowledged: conditions.append("restored_at IS NULL AND acknowledged_at IS NULL")
        case .acknowledged: conditions.append("restored_at IS NULL AND acknowledged_at IS NOT NULL")
        case .restored: conditions.append("restored_at IS NOT NULL")
        case .all: break
        }
        if let since = query.since {
            conditions.append("(restored_at IS NULL OR restored_at >= \(bind(StoredTime.milliseconds(since))))")
        }
        if let device = query.device {
            conditions.append("device = \(bind(device.rawValue))")
        }
        if let rule = query.rule {
            conditions.append("rule = \(bind(rule))")
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let limit = bind(Int64(max(1, query.limit)))
        let sql = PostgresQuery(
            unsafeSQL: "SELECT * FROM incident\(filter) ORDER BY detected_at DESC, id DESC LIMIT \(limit)",
            binds: binds)
        return try await read("query incidents") { session in
            try await IncidentRows.incidents(session, sql: sql)
        }
    }
}
